package dev.flywheel.community;

import java.time.Instant;
import java.util.List;

/**
 * A template in the gallery: what it is and does, the apps and scopes it needs, and where it came
 * from when it is a remix of another template.
 *
 * @param catalogNumber the number n8n's template API uses for it
 * @param authorOrgId the contributing organization (partner, customer or the owner)
 * @param authorActor who submitted it (a user's email or an API key's name)
 * @param remixedFrom the template (and version) it was made from, or null
 * @param publishedVersion the version the gallery shows, or null while nothing is published
 * @param featuredRank set when the owner features it; lower shows first
 */
record Template(String id, long catalogNumber, String authorOrgId, String authorActor, String title, String description,
        String category, TemplateFormat format, List<String> apps, List<String> scopes, String remixedFrom, Integer remixedFromVersion,
        int latestVersion, Integer publishedVersion, ListingState state, Integer featuredRank, long viewCount, long cloneCount,
        Instant createdAt, Instant updatedAt, Instant publishedAt) {

    public boolean listed() {
        return state == ListingState.PUBLISHED && publishedVersion != null;
    }
}
