package dev.flywheel.developer;

import dev.flywheel.events.StoredEvent;
import dev.flywheel.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/sandbox")
@Tag(name = "Sandbox", description = "A partner's test-mode customer account with sample data to build against")
class SandboxApi {

    record SampleEvent(String id, String type, String account, Instant occurredAt, JsonNode data) {
    }

    record SandboxView(String object, String partnerId, String accountId, String externalId, String name, String domain,
            Map<String, Object> attributes, String mode, List<SampleEvent> sampleEvents, Instant createdAt) {
    }

    private final Sandboxes sandboxes;
    private final JsonMapper json;

    SandboxApi(Sandboxes sandboxes, JsonMapper json) {
        this.sandboxes = sandboxes;
        this.json = json;
    }

    @PostMapping
    @Operation(summary = "Get (or make) your sandbox",
            description = "Partners, with a test-mode key or token. Makes the partner's sandbox customer account on first call (it is also "
                    + "made when the partner registers its first test-mode app) and returns it with its sample events. Safe to repeat.")
    SandboxView ensure(Caller caller) {
        return view(sandboxes.forCaller(caller));
    }

    @GetMapping
    @Operation(summary = "Your sandbox", description = "As POST; made on first use.")
    SandboxView get(Caller caller) {
        return view(sandboxes.forCaller(caller));
    }

    @SuppressWarnings("unchecked")
    private SandboxView view(Sandboxes.Sandbox s) {
        Map<String, Object> attributes = s.account().attributes() == null ? Map.of() : json.readValue(s.account().attributes(), Map.class);
        List<SampleEvent> events = s.sampleEvents().stream()
                .map((StoredEvent e) -> new SampleEvent(e.id(), e.type(), e.account(), e.occurredAt(), e.data())).toList();
        return new SandboxView("sandbox", s.partnerId(), s.account().id(), s.account().externalId(), s.account().name(), s.account().domain(),
                attributes, s.account().mode().wire(), events, s.createdAt());
    }
}
