package dev.flywheel.platform;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute links to this server's pages, for emails and API responses. */
@Component
public class PublicUrls {

    private final String baseUrl;
    private final org.springframework.core.env.Environment environment;

    PublicUrls(FlywheelProperties properties, org.springframework.core.env.Environment environment) {
        this.baseUrl = properties.baseUrl() == null ? "" : properties.baseUrl().replaceAll("/+$", "");
        this.environment = environment;
    }

    public String of(String path) {
        if (!baseUrl.isEmpty()) {
            return baseUrl + path;
        }
        if (RequestContextHolder.getRequestAttributes() != null) {
            return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).build().toUriString();
        }
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")) + path;
    }
}
