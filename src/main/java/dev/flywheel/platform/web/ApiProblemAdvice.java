package dev.flywheel.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every exception raised while serving an API controller into a problem document. Bad
 * input is always a 4xx with the field at fault; only a genuine server fault is a 500, and its
 * detail never leaks internals.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e, HttpServletRequest request) {
        return Problem.response(e.type(), e.getMessage(), ApiPaths.pathOf(request), e.errors(), e.properties(), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.add(new FieldError(JsonNames.snake(f.getField()), f.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors().forEach(g -> errors.add(new FieldError("", g.getDefaultMessage())));
        return validation(errors, request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Map<String, Object>> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(err -> errors.add(new FieldError(JsonNames.snake(name), err.getDefaultMessage())));
        });
        return validation(errors, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Map<String, Object>> constraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(JsonNames.snake(lastNode(v.getPropertyPath().toString())), v.getMessage()))
                .toList();
        return validation(errors, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected = e.getRequiredType() == null ? "a different value" : describe(e.getRequiredType());
        return validation(List.of(new FieldError(e.getName(), "must be " + expected + " (got '" + e.getValue() + "')")), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return validation(List.of(new FieldError(e.getParameterName(), "is required")), request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return validation(List.of(new FieldError(e.getHeaderName(), "header is required")), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        String instance = ApiPaths.pathOf(request);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimitFilter.BodyTooLarge) {
                return Problem.response(ProblemType.PAYLOAD_TOO_LARGE, ProblemType.PAYLOAD_TOO_LARGE.explanation(), instance);
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return Problem.response(ProblemType.UNKNOWN_FIELD,
                    "The field '" + field + "' is not accepted here. Remove it or check its spelling against the API reference.",
                    instance, List.of(new FieldError(field, "is not a known field")), Map.of(), HttpHeaders.EMPTY);
        }
        if (cause instanceof ValueInstantiationException instantiation) {
            Throwable root = instantiation.getCause() != null ? instantiation.getCause() : instantiation;
            return validation(List.of(new FieldError(path(instantiation), root.getMessage())), request);
        }
        if (cause instanceof InvalidFormatException format) {
            return validation(List.of(new FieldError(path(format),
                    "must be " + describe(format.getTargetType()) + " (got '" + format.getValue() + "')")), request);
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return validation(List.of(new FieldError(path(mismatch), "must be " + describe(mismatch.getTargetType()))), request);
        }
        if (cause instanceof StreamReadException parse) {
            String where = parse.getLocation() == null ? "" : " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
            return Problem.response(ProblemType.MALFORMED_JSON, "The body is not valid JSON" + where + ": " + parse.getOriginalMessage() + ".", instance);
        }
        if (cause instanceof DatabindException databind) {
            return validation(List.of(new FieldError(path(databind), databind.getOriginalMessage())), request);
        }
        if (cause instanceof JacksonException jackson) {
            return Problem.response(ProblemType.MALFORMED_JSON, "The body could not be read: " + jackson.getOriginalMessage() + ".", instance);
        }
        return Problem.response(ProblemType.MALFORMED_JSON, "A JSON body is required for this request.", instance);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        String got = e.getContentType() == null ? "no Content-Type" : "'" + e.getContentType() + "'";
        return Problem.response(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "This endpoint takes application/json; the request had " + got + ". Send `Content-Type: application/json`.",
                ApiPaths.pathOf(request));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return Problem.response(ProblemType.NOT_ACCEPTABLE, ProblemType.NOT_ACCEPTABLE.explanation(), ApiPaths.pathOf(request));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return Problem.response(ProblemType.METHOD_NOT_ALLOWED,
                request.getMethod() + " is not supported here; use " + String.join(", ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods()) + ".",
                ApiPaths.pathOf(request), List.of(), Map.of(), headers);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return Problem.response(ProblemType.PAYLOAD_TOO_LARGE, ProblemType.PAYLOAD_TOO_LARGE.explanation(), ApiPaths.pathOf(request));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return Problem.response(ProblemType.NOT_FOUND, "There is no API endpoint at " + ApiPaths.pathOf(request) + ". See /docs/api for the reference.",
                ApiPaths.pathOf(request));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e, HttpServletRequest request) {
        return Problem.response(ProblemType.FORBIDDEN, ProblemType.FORBIDDEN.explanation(), ApiPaths.pathOf(request));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Map<String, Object>> unauthenticated(AuthenticationException e, HttpServletRequest request) {
        return Problem.response(ProblemType.UNAUTHENTICATED, ProblemType.UNAUTHENTICATED.explanation(), ApiPaths.pathOf(request));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Map<String, Object>> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("Request {} {} hit a database constraint: {}", request.getMethod(), ApiPaths.pathOf(request), e.getMostSpecificCause().getMessage());
        return Problem.response(ProblemType.CONFLICT,
                "The request conflicts with data that already exists (for example a duplicate name or identifier). Nothing was changed.",
                ApiPaths.pathOf(request));
    }

    /**
     * Another request held the rows this one had to change (a lock wait timed out, or the database
     * chose this transaction as a deadlock victim). Everything was rolled back, so the same request
     * can simply be sent again.
     */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<Map<String, Object>> busy(ConcurrencyFailureException e, HttpServletRequest request) {
        log.info("Request {} {} gave way to a concurrent change: {}", request.getMethod(), ApiPaths.pathOf(request), e.getMostSpecificCause().getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return Problem.response(ProblemType.CONFLICT,
                "Another request was changing the same data at the same moment, so nothing was changed. Send the request again.",
                ApiPaths.pathOf(request), List.of(), Map.of(), headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error serving {} {}", request.getMethod(), ApiPaths.pathOf(request), e);
        return Problem.response(ProblemType.INTERNAL, ProblemType.INTERNAL.explanation(), ApiPaths.pathOf(request));
    }

    private static ResponseEntity<Map<String, Object>> validation(List<FieldError> errors, HttpServletRequest request) {
        String summary = errors.stream().map(f -> f.field().isEmpty() ? f.message() : f.field() + " " + f.message())
                .collect(Collectors.joining("; "));
        return Problem.response(ProblemType.VALIDATION, "Fix these fields and send the request again: " + summary + ".",
                ApiPaths.pathOf(request), errors, Map.of(), HttpHeaders.EMPTY);
    }

    private static String path(DatabindException e) {
        StringBuilder out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date/time in ISO 8601 form";
        }
        return "an object";
    }
}
