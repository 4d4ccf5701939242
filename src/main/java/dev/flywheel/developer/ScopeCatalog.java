package dev.flywheel.developer;

import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The catalog of resource scopes apps may ask for. Names are {@code resource:read} or
 * {@code resource:write}; the owner adds entries, nobody removes them (a token or grant may still
 * name them).
 */
@Service
class ScopeCatalog {

    static final Pattern NAME = Pattern.compile("([a-z][a-z0-9_-]{1,40}):(read|write)");
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private final JdbcClient jdbc;
    private final Clock clock;

    ScopeCatalog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Scope> all() {
        return jdbc.sql("select * from developer_scopes order by resource, access").query(ScopeCatalog::map).list();
    }

    Map<String, Scope> byName() {
        return all().stream().collect(Collectors.toMap(Scope::name, Function.identity()));
    }

    Optional<Scope> find(String name) {
        return jdbc.sql("select * from developer_scopes where name = :name").param("name", name).query(ScopeCatalog::map).optional();
    }

    /** The requested names, de-duplicated in order, after checking each is in the catalog. */
    Set<String> requireKnown(String field, Collection<String> names) {
        Map<String, Scope> known = byName();
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            String n = name == null ? "" : name.trim();
            if (!known.containsKey(n)) {
                throw ApiException.invalid(field, "names the unknown scope '" + n + "'; GET /api/v1/scopes lists the scopes that exist");
            }
            out.add(n);
        }
        return out;
    }

    Scope add(String name, String description, List<String> fields) {
        var m = name == null ? null : NAME.matcher(name);
        if (m == null || !m.matches()) {
            throw ApiException.invalid("name", "must look like resource:read or resource:write, e.g. invoices:read");
        }
        if (description == null || description.isBlank() || description.length() > 500) {
            throw ApiException.invalid("description", "must say in plain language what the scope allows (1 to 500 characters)");
        }
        List<String> cleaned = fields == null ? List.of() : fields.stream().map(String::trim).distinct().toList();
        for (String f : cleaned) {
            if (!FIELD.matcher(f).matches()) {
                throw ApiException.invalid("fields", "must be field names in lower case, e.g. phone");
            }
        }
        Scope scope = new Scope(name, m.group(1), m.group(2), description.trim(), cleaned);
        try {
            jdbc.sql("insert into developer_scopes (name, resource, access, description, fields, created_at) values (:n, :r, :a, :d, :f, :at)")
                    .param("n", scope.name()).param("r", scope.resource()).param("a", scope.access()).param("d", scope.description())
                    .param("f", cleaned.isEmpty() ? null : String.join(" ", cleaned)).param("at", Sql.at(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("The scope '" + name + "' already exists. Scopes are never renamed; pick another name.");
        }
        return scope;
    }

    private static Scope map(ResultSet rs, int n) throws SQLException {
        String fields = rs.getString("fields");
        return new Scope(rs.getString("name"), rs.getString("resource"), rs.getString("access"), rs.getString("description"),
                fields == null || fields.isBlank() ? List.of() : Arrays.asList(fields.trim().split(" +")));
    }
}
