package dev.flywheel.insights;

import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.platform.web.FieldError;
import dev.flywheel.platform.web.ProblemType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in a batch of facts of one kind (from JSON or CSV): checks every row first and writes
 * nothing if any is wrong, then stores them all in one transaction. Sending the same batch again
 * changes nothing.
 */
@Service
class FactIntake {

    record Result(String kind, int received, int created, int updated, int unchanged) {
    }

    private static final int MAX_ERRORS = 50;

    private final FactStore store;
    private final Organizations organizations;
    private final InsightsProperties properties;

    FactIntake(FactStore store, Organizations organizations, InsightsProperties properties) {
        this.store = store;
        this.organizations = organizations;
        this.properties = properties;
    }

    /** Each row: its place in the request for error messages, and its fields as text. */
    record IncomingRow(String place, Map<String, String> fields) {
    }

    @Transactional
    <T> Result take(FactKind<T> kind, Mode mode, List<IncomingRow> rows) {
        if (rows.isEmpty()) {
            throw ApiException.invalid("data", "must contain at least one fact");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Boolean> accounts = new HashMap<>();
        Map<String, Boolean> partners = new HashMap<>();
        FactKind.Checks checks = new FactKind.Checks() {
            @Override
            public boolean accountExists(Mode m, String externalId) {
                return accounts.computeIfAbsent(externalId, id -> organizations.findAccount(m, id).isPresent());
            }

            @Override
            public boolean partnerExists(String partnerId) {
                return partners.computeIfAbsent(partnerId,
                        id -> organizations.find(id).filter(o -> o.kind() == OrganizationKind.PARTNER).isPresent());
            }

            @Override
            public String currency() {
                return properties.currency();
            }
        };
        List<T> facts = new ArrayList<>(rows.size());
        for (IncomingRow incoming : rows) {
            FactRow row = new FactRow(incoming.place(), incoming.fields(), errors);
            facts.add(kind.read(row, mode, checks));
            row.refuseUnknown();
        }
        if (!errors.isEmpty()) {
            List<FieldError> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
            throw new ApiException(ProblemType.VALIDATION, errors.size() + " problem(s) in the " + kind.name
                    + " batch; nothing was stored. Fix the rows named in `errors` and send the batch again.", shown);
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (T fact : facts) {
            switch (store.upsert(kind, mode, fact)) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        return new Result(kind.name, rows.size(), created, updated, unchanged);
    }
}
