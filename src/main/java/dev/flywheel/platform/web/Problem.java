package dev.flywheel.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An RFC 9457 problem document as an ordered map, so the same bytes are produced whether it is
 * written by a controller advice, a servlet filter or the error controller.
 */
public final class Problem {

    public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;

    private Problem() {
    }

    public static Map<String, Object> body(ProblemType type, String detail, String instance, List<FieldError> errors,
            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.typeUri().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        if (extra != null) {
            extra.forEach(body::putIfAbsent);
        }
        return body;
    }

    public static ResponseEntity<Map<String, Object>> response(ProblemType type, String detail, String instance,
            List<FieldError> errors, Map<String, Object> extra, HttpHeaders headers) {
        return ResponseEntity.status(type.status())
                .headers(headers)
                .contentType(MEDIA_TYPE)
                .body(body(type, detail, instance, errors, extra));
    }

    public static ResponseEntity<Map<String, Object>> response(ProblemType type, String detail, String instance) {
        return response(type, detail, instance, List.of(), Map.of(), HttpHeaders.EMPTY);
    }
}
