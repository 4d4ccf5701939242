package dev.flywheel.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Has the PostgreSQL driver send a JDBC batch of inserts as multi-row statements
 * ({@code reWriteBatchedInserts}): the event log, the delivery queue and the attempt log insert
 * hundreds of rows per transaction, and one statement per row costs PostgreSQL a parse, bind and
 * execute each. The driver lets a setting in the JDBC URL win, so {@code reWriteBatchedInserts=false}
 * there turns it off.
 */
@Component
class PostgresBatchInserts implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
