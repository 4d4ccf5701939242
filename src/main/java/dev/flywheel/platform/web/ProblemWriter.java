package dev.flywheel.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem document straight to a servlet response, for filters that answer before MVC. */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, ProblemType type, String detail, String instance) throws IOException {
        write(response, type, detail, instance, Map.of());
    }

    public void write(HttpServletResponse response, ProblemType type, String detail, String instance, Map<String, Object> extra)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(type.status().value());
        response.setContentType(Problem.MEDIA_TYPE.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Problem.body(type, detail, instance, List.of(), extra));
    }
}
