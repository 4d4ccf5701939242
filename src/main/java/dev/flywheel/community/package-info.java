/**
 * The community gallery: templates and workflows that customers and partners share, with secret
 * scrubbing on submission, a moderation queue, abuse reports, a block-list, ranking by copies
 * still in use seven days after they were taken, badges, contributor profiles, and the
 * template-library API that n8n reads. Other modules use {@link dev.flywheel.community.Community}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Community")
package dev.flywheel.community;
