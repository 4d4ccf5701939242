package dev.flywheel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class ConcurrencyProblemTest {

    @Test
    void aLockWaitThatTimesOutAsksTheClientToRetryInsteadOfFailingWith500() {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/v1/mapping/populations/pop_1/records");
        ResponseEntity<Map<String, Object>> response = new ApiProblemAdvice()
                .busy(new CannotAcquireLockException("Timeout trying to lock table"), request);

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody()).containsEntry("type", "/problems/conflict")
                .containsEntry("instance", "/api/v1/mapping/populations/pop_1/records");
        assertThat((String) response.getBody().get("detail")).contains("nothing was changed").contains("Send the request again");
    }
}
