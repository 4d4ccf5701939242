package dev.flywheel.partners;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Courses and certifications, and who at each partner completed them. */
@Service
class Enablement {

    record Course(String id, String title, String kind, Integer validityDays, Instant createdAt) {
    }

    record Completion(String id, String courseId, String courseTitle, String partnerId, String userEmail, Instant completedAt, Instant expiresAt) {

        boolean validAt(Instant now) {
            return !completedAt.isAfter(now) && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Enablement(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Course createCourse(String title, boolean certification, Integer validityDays) {
        Course c = new Course(Ids.next("crs"), title.trim(), certification ? "certification" : "course", validityDays, clock.instant());
        jdbc.sql("insert into enablement_courses (id, title, kind, validity_days, created_at) values (:id, :title, :kind, :days, :now)")
                .param("id", c.id()).param("title", c.title()).param("kind", c.kind()).param("days", validityDays)
                .param("now", Sql.at(c.createdAt())).update();
        return c;
    }

    Optional<Course> course(String id) {
        return jdbc.sql("select * from enablement_courses where id = :id").param("id", id).query(Enablement::mapCourse).optional();
    }

    List<Course> courses() {
        return jdbc.sql("select * from enablement_courses order by title limit 200").query(Enablement::mapCourse).list();
    }

    Completion complete(Course course, String partnerId, String email, Instant completedAt) {
        Instant expires = course.validityDays() == null ? null : completedAt.plus(Duration.ofDays(course.validityDays()));
        String id = Ids.next("enc");
        jdbc.sql("""
                insert into enablement_completions (id, course_id, partner_id, user_email, completed_at, expires_at, created_at)
                values (:id, :course, :partner, :email, :at, :expires, :now)""")
                .param("id", id).param("course", course.id()).param("partner", partnerId).param("email", email.trim().toLowerCase())
                .param("at", Sql.at(completedAt)).param("expires", Sql.at(expires)).param("now", Sql.at(clock.instant())).update();
        return new Completion(id, course.id(), course.title(), partnerId, email.trim().toLowerCase(), completedAt, expires);
    }

    List<Completion> completions(String partnerId) {
        return jdbc.sql("""
                select c.*, k.title from enablement_completions c join enablement_courses k on k.id = c.course_id
                where c.partner_id = :partner order by c.completed_at desc limit 500""")
                .param("partner", partnerId)
                .query((rs, n) -> new Completion(rs.getString("id"), rs.getString("course_id"), rs.getString("title"), rs.getString("partner_id"),
                        rs.getString("user_email"), Sql.instant(rs, "completed_at"), Sql.instant(rs, "expires_at")))
                .list();
    }

    /** People at the partner holding a certification that has not expired. */
    long certifiedStaff(String partnerId, Instant now) {
        return jdbc.sql("""
                select count(distinct c.user_email) from enablement_completions c join enablement_courses k on k.id = c.course_id
                where c.partner_id = :partner and k.kind = 'certification' and c.completed_at <= :now
                  and (c.expires_at is null or c.expires_at > :now)""")
                .param("partner", partnerId).param("now", Sql.at(now)).query(Long.class).single();
    }

    long completedSince(String partnerId, Instant since, Instant now) {
        return jdbc.sql("select count(*) from enablement_completions where partner_id = :partner and completed_at >= :since and completed_at <= :now")
                .param("partner", partnerId).param("since", Sql.at(since)).param("now", Sql.at(now)).query(Long.class).single();
    }

    private static Course mapCourse(ResultSet rs, int n) throws SQLException {
        int days = rs.getInt("validity_days");
        return new Course(rs.getString("id"), rs.getString("title"), rs.getString("kind"), rs.wasNull() ? null : days, Sql.instant(rs, "created_at"));
    }
}
