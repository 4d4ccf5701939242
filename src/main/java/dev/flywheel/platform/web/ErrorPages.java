package dev.flywheel.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Everything that falls through to the servlet container's error handling lands here: an API
 * path gets a problem document, anything else the console's error page.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping(value = "/error", produces = "application/problem+json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> problem(HttpServletRequest request) {
        return apiProblem(request);
    }

    @RequestMapping("/error")
    Object page(HttpServletRequest request, Model model) {
        String path = originalPath(request);
        if (ApiPaths.isApi(path)) {
            return apiProblem(request);
        }
        HttpStatus status = status(request);
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        model.addAttribute("message", switch (status) {
            case NOT_FOUND -> "There is no page at this address. Check the link, or go back to the start.";
            case FORBIDDEN -> "Your account is not allowed to open this page. If you need it, ask an administrator of your organization.";
            case UNAUTHORIZED -> "Please sign in first.";
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side. Nothing was changed; please try again in a moment."
                    : "The request could not be handled. Go back and try again.";
        });
        return new org.springframework.web.servlet.ModelAndView("error", model.asMap(), status);
    }

    private ResponseEntity<Map<String, Object>> apiProblem(HttpServletRequest request) {
        HttpStatus status = status(request);
        String path = originalPath(request);
        ProblemType type = switch (status) {
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemType.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case CONTENT_TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
            case UNAUTHORIZED -> ProblemType.UNAUTHENTICATED;
            case FORBIDDEN -> ProblemType.FORBIDDEN;
            case NOT_ACCEPTABLE -> ProblemType.NOT_ACCEPTABLE;
            case BAD_REQUEST -> ProblemType.VALIDATION;
            case TOO_MANY_REQUESTS -> ProblemType.RATE_LIMITED;
            default -> status.is4xxClientError() ? ProblemType.UNPROCESSABLE : ProblemType.INTERNAL;
        };
        String detail = type == ProblemType.NOT_FOUND
                ? "There is no API endpoint at " + path + ". See /docs/api for the reference."
                : type == ProblemType.VALIDATION ? "The request could not be read. Check the URL, parameters and body against /docs/api."
                : type.explanation();
        return ResponseEntity.status(status).contentType(Problem.MEDIA_TYPE)
                .body(Problem.body(type, detail, path, null, null));
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? ApiPaths.pathOf(request) : uri.toString();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && path.startsWith(context) ? path.substring(context.length()) : path;
    }
}
