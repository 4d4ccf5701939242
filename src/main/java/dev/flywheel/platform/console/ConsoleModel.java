package dev.flywheel.platform.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the navigation (only what the viewer may open) and the current path on every page. */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModel {

    private final List<NavItem> items;

    ConsoleModel(List<NavItem> items) {
        this.items = items.stream().sorted(Comparator.comparingInt(NavItem::order)).toList();
    }

    @ModelAttribute("navSections")
    Map<String, List<NavItem>> navSections() {
        Authentication viewer = SecurityContextHolder.getContext().getAuthentication();
        Map<String, List<NavItem>> sections = new LinkedHashMap<>();
        for (NavItem item : items) {
            if (item.visibleTo(viewer)) {
                sections.computeIfAbsent(item.section(), s -> new java.util.ArrayList<>()).add(item);
            }
        }
        return sections;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The one entry to highlight: the longest navigation path the current page sits under. */
    @ModelAttribute("activeNavPath")
    String activeNavPath(HttpServletRequest request) {
        String path = request.getRequestURI();
        String best = null;
        for (NavItem item : items) {
            boolean under = path.equals(item.path()) || path.startsWith(item.path() + "/");
            if (under && (best == null || item.path().length() > best.length())) {
                best = item.path();
            }
        }
        return best;
    }
}
