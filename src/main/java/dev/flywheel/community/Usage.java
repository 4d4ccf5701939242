package dev.flywheel.community;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Copies taken and their use reported back: the data the gallery ranks by. A tool that imports a
 * template registers the copy, then reports from time to time that it is still in use (or that it
 * was removed); see {@link RetainedUse} for when a copy counts.
 */
@Service
class Usage {

    private final TemplateRepository templates;
    private final CopyRepository copies;
    private final TemplateSales sales;
    private final CommunityProperties properties;
    private final Clock clock;

    Usage(TemplateRepository templates, CopyRepository copies, TemplateSales sales, CommunityProperties properties, Clock clock) {
        this.templates = templates;
        this.sales = sales;
        this.copies = copies;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    TemplateCopy take(Caller caller, String templateId, String externalRef) {
        Submissions.requireLive(caller);
        Template template = templates.find(templateId).filter(Template::listed).orElseThrow(() -> ApiException.notFound("template", templateId));
        sales.requireMayTake(caller, template);
        if (externalRef != null && externalRef.length() > 200) {
            throw ApiException.invalid("external_ref", "must be at most 200 characters");
        }
        Instant now = clock.instant();
        TemplateCopy copy = new TemplateCopy(Ids.next("cpy"), template.id(), template.publishedVersion(), caller.organizationId(),
                externalRef == null || externalRef.isBlank() ? null : externalRef.trim(), now, RetainedUse.dueAt(now, properties.retentionPeriod()),
                now, null);
        copies.insert(copy);
        templates.countClone(template.id());
        return copy;
    }

    /** The taker reports the copy still in use (now) or removed. Only the organization that took it may report. */
    @Transactional
    TemplateCopy report(Caller caller, String copyId, boolean inUse) {
        Submissions.requireLive(caller);
        TemplateCopy copy = copies.find(copyId).filter(c -> c.takerOrgId().equals(caller.organizationId()))
                .orElseThrow(() -> ApiException.notFound("template copy", copyId));
        if (copy.removedAt() != null) {
            throw ApiException.conflict("This copy was reported removed on " + copy.removedAt() + "; take a new copy to start counting again.");
        }
        Instant now = clock.instant();
        if (inUse) {
            copies.seen(copyId, now);
        } else {
            copies.removed(copyId, now);
        }
        return copies.find(copyId).orElseThrow();
    }

    boolean isActiveUse(TemplateCopy copy) {
        return RetainedUse.isActiveUse(copy, clock.instant());
    }
}
