package dev.flywheel.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;

/**
 * Console sessions are stored in the database (table {@code spring_session}), not in a node's
 * memory: any node can serve any signed-in user, and a node can be stopped without signing
 * anyone out. Sessions expire after 12 hours without use.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcHttpSession(maxInactiveIntervalInSeconds = 12 * 60 * 60)
class SessionConfiguration {
}
