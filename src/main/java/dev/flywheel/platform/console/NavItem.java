package dev.flywheel.platform.console;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * One entry of the console navigation. Each module declares its entries as beans, so the
 * navigation only ever shows what exists, and only to those allowed to open it (the server
 * enforces the same rule on the page itself).
 *
 * @param section heading the entry is grouped under (e.g. "Program", "Settings")
 * @param label what the link says
 * @param path where it goes
 * @param order position within the navigation, lower first
 * @param authorities the link shows if the viewer has any of these authorities
 */
public record NavItem(String section, String label, String path, int order, Set<String> authorities) {

    public boolean visibleTo(Authentication viewer) {
        if (viewer == null) {
            return false;
        }
        for (GrantedAuthority a : viewer.getAuthorities()) {
            if (authorities.contains(a.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
