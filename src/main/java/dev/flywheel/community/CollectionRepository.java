package dev.flywheel.community;

import dev.flywheel.platform.jdbc.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owner-curated collections of templates (n8n shows them as template collections). */
@Repository
class CollectionRepository {

    /** A collection and the ids of its templates, in the curated order. */
    record Collection(String id, long catalogNumber, String name, String description, Instant createdAt, List<String> templateIds) {
    }

    private final JdbcClient jdbc;

    CollectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String name, String description, List<String> templateIds, Instant now) {
        jdbc.sql("insert into community_collections (id, name, description, created_at) values (:id, :name, :description, :at)")
                .param("id", id).param("name", name).param("description", description).param("at", Sql.at(now)).update();
        int order = 0;
        for (String templateId : templateIds) {
            jdbc.sql("insert into community_collection_templates (collection_id, template_id, sort_order) values (:c, :t, :o)")
                    .param("c", id).param("t", templateId).param("o", order++).update();
        }
    }

    List<Collection> all() {
        return jdbc.sql("select * from community_collections order by catalog_number limit 200")
                .query((rs, n) -> new Collection(rs.getString("id"), rs.getLong("catalog_number"), rs.getString("name"),
                        rs.getString("description"), Sql.instant(rs, "created_at"), List.of()))
                .list().stream().map(c -> withTemplates(c)).toList();
    }

    Optional<Collection> find(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    Optional<Collection> findByNumber(long number) {
        return jdbc.sql("select * from community_collections where catalog_number = :n").param("n", number)
                .query((rs, n) -> new Collection(rs.getString("id"), rs.getLong("catalog_number"), rs.getString("name"),
                        rs.getString("description"), Sql.instant(rs, "created_at"), List.of()))
                .optional().map(this::withTemplates);
    }

    private Collection withTemplates(Collection c) {
        List<String> ids = jdbc.sql("select template_id from community_collection_templates where collection_id = :c order by sort_order")
                .param("c", c.id()).query(String.class).list();
        return new Collection(c.id(), c.catalogNumber(), c.name(), c.description(), c.createdAt(), ids);
    }
}
