package dev.flywheel.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/** Where the machine-facing API lives; everything under it answers in JSON and problem+json. */
public final class ApiPaths {

    public static final String PREFIX = "/api/";

    private ApiPaths() {
    }

    public static boolean isApi(String path) {
        return path != null && path.startsWith(PREFIX);
    }

    public static boolean isApi(HttpServletRequest request) {
        return isApi(pathOf(request));
    }

    public static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
