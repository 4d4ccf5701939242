package dev.flywheel.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decrypted signing keys of each endpoint, cached per secret version: a rotation bumps the
 * version (the dispatcher reads it with every claim), so a rotated secret is never used from the
 * cache, and a previous secret stops signing exactly when its overlap ends.
 */
class SigningKeys {

    private record Entry(int version, List<byte[]> keys, Instant validUntil) {
    }

    private final EndpointRepository endpoints;
    private final SecretBox box;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    SigningKeys(EndpointRepository endpoints, SecretBox box) {
        this.endpoints = endpoints;
        this.box = box;
    }

    List<byte[]> of(String endpointId, int secretVersion, Instant now) {
        Entry entry = cache.get(endpointId);
        if (entry != null && entry.version() == secretVersion && (entry.validUntil() == null || entry.validUntil().isAfter(now))) {
            return entry.keys();
        }
        List<byte[]> keys = new ArrayList<>();
        Instant validUntil = null;
        for (EndpointRepository.StoredSecret s : endpoints.signingSecrets(endpointId, now)) {
            keys.add(Signatures.keyOf(box.open(s.ciphertext(), endpointId)));
            if (s.expiresAt() != null && (validUntil == null || s.expiresAt().isBefore(validUntil))) {
                validUntil = s.expiresAt();
            }
        }
        if (cache.size() > 50_000) {
            cache.clear();
        }
        cache.put(endpointId, new Entry(secretVersion, List.copyOf(keys), validUntil));
        return keys;
    }
}
