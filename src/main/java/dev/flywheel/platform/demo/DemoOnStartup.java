package dev.flywheel.platform.demo;

import dev.flywheel.platform.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code flywheel.demo=true}, fills an empty installation with the standard demo ecosystem
 * once; later starts find the marker and leave the data alone.
 */
@Component
@ConditionalOnBooleanProperty("flywheel.demo")
@Order(100)
class DemoOnStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoOnStartup.class);
    private static final String MARKER = "demo.generated";

    private final DemoGenerator generator;
    private final Settings settings;

    DemoOnStartup(DemoGenerator generator, Settings settings) {
        this.generator = generator;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.get(MARKER).isPresent()) {
            log.info("Demo ecosystem already generated on {}; leaving it as it is.", settings.get(MARKER).get());
            return;
        }
        log.info("Generating the demo ecosystem (flywheel.demo=true)...");
        generator.generate(DemoSize.standard());
        settings.put(MARKER, java.time.Instant.now().toString());
        log.info("Demo ecosystem ready.");
    }
}
