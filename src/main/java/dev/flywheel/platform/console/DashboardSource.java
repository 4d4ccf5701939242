package dev.flywheel.platform.console;

import java.util.List;
import org.springframework.security.core.Authentication;

/** A module's contribution to the console home page, computed for the signed-in viewer. */
public interface DashboardSource {

    List<DashboardCard> cards(Authentication viewer);
}
