package dev.flywheel.platform;

import dev.flywheel.platform.jdbc.Sql;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Small named values the installation remembers about itself (e.g. that the demo was generated). */
@Repository
public class Settings {

    private final JdbcClient jdbc;
    private final Clock clock;

    Settings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> get(String name) {
        return jdbc.sql("select setting_value from platform_settings where name = :name").param("name", name).query(String.class).optional();
    }

    public void put(String name, String value) {
        int updated = jdbc.sql("update platform_settings set setting_value = :value, updated_at = :now where name = :name")
                .param("name", name).param("value", value).param("now", Sql.at(clock.instant())).update();
        if (updated == 0) {
            jdbc.sql("insert into platform_settings (name, setting_value, updated_at) values (:name, :value, :now)")
                    .param("name", name).param("value", value).param("now", Sql.at(clock.instant())).update();
        }
    }
}
