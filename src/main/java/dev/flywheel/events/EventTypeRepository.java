package dev.flywheel.events;

import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The catalog tables: event types and their schema versions. */
@Repository
class EventTypeRepository {

    private static final TypeReference<List<EventTypeVersion.BreakingChange>> CHANGES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventTypeRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<EventType> find(String name) {
        return jdbc.sql("select * from event_types where name = :name").param("name", name).query(this::type).optional();
    }

    List<EventType> all() {
        return jdbc.sql("select * from event_types order by name").query(this::type).list();
    }

    CursorPage<EventType> page(PageQuery query) {
        List<EventType> rows = jdbc.sql("""
                select * from event_types where (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("after", query.startingAfter()).param("limit", query.fetchSize()).query(this::type).list();
        return CursorPage.of(rows, query, EventType::id);
    }

    Optional<EventTypeVersion> version(String name, int version) {
        return jdbc.sql("select * from event_type_versions where type_name = :name and version_number = :version")
                .param("name", name).param("version", version).query(this::version).optional();
    }

    List<EventTypeVersion> versions(String name) {
        return jdbc.sql("select * from event_type_versions where type_name = :name order by version_number")
                .param("name", name).query(this::version).list();
    }

    void insertType(EventType type) {
        jdbc.sql("""
                insert into event_types (id, name, description, origin, latest_version, created_at, updated_at)
                values (:id, :name, :description, :origin, :latest, :created, :updated)""")
                .param("id", type.id()).param("name", type.name()).param("description", type.description())
                .param("origin", type.origin()).param("latest", type.latestVersion())
                .param("created", Sql.at(type.createdAt())).param("updated", Sql.at(type.updatedAt()))
                .update();
    }

    void insertVersion(EventTypeVersion version) {
        jdbc.sql("""
                insert into event_type_versions (type_name, version_number, json_schema, example, breaking, changes, created_at)
                values (:name, :version, :schema, :example, :breaking, :changes, :created)""")
                .param("name", version.typeName()).param("version", version.version())
                .param("schema", json.writeValueAsString(version.schema()))
                .param("example", version.example() == null ? null : json.writeValueAsString(version.example()))
                .param("breaking", version.breaking())
                .param("changes", json.writeValueAsString(version.breakingChanges()))
                .param("created", Sql.at(version.createdAt()))
                .update();
    }

    /** Moves the type to a new latest version; false if another request published a version first. */
    boolean advance(String name, int from, int to, String description, Instant now) {
        return jdbc.sql("""
                update event_types set latest_version = :to, description = coalesce(:description, description), updated_at = :now
                where name = :name and latest_version = :from""")
                .param("name", name).param("from", from).param("to", to).param("description", description)
                .param("now", Sql.at(now)).update() == 1;
    }

    void describe(String name, String description, Instant now) {
        jdbc.sql("update event_types set description = :description, updated_at = :now where name = :name")
                .param("name", name).param("description", description).param("now", Sql.at(now)).update();
    }

    void deprecate(String name, String note, Instant now) {
        jdbc.sql("update event_types set deprecated_at = coalesce(deprecated_at, :now), deprecation_note = :note, updated_at = :now where name = :name")
                .param("name", name).param("note", note).param("now", Sql.at(now)).update();
    }

    private EventType type(ResultSet rs, int n) throws SQLException {
        return new EventType(rs.getString("id"), rs.getString("name"), rs.getString("description"), rs.getString("origin"),
                rs.getInt("latest_version"), Sql.instant(rs, "deprecated_at"), rs.getString("deprecation_note"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    private EventTypeVersion version(ResultSet rs, int n) throws SQLException {
        String example = rs.getString("example");
        String changes = rs.getString("changes");
        return new EventTypeVersion(rs.getString("type_name"), rs.getInt("version_number"), json.readTree(rs.getString("json_schema")),
                example == null ? null : json.readTree(example),
                changes == null ? List.of() : json.readValue(changes, CHANGES), Sql.instant(rs, "created_at"));
    }
}
