package dev.flywheel.platform.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds a demo ecosystem of a given size from every module's contributor. */
@Service
public class DemoGenerator {

    private static final Logger log = LoggerFactory.getLogger(DemoGenerator.class);

    private final List<DemoContributor> contributors;
    private final TransactionTemplate transactions;

    DemoGenerator(List<DemoContributor> contributors, TransactionTemplate transactions) {
        this.contributors = contributors.stream().sorted(Comparator.comparingInt(DemoContributor::order)).toList();
        this.transactions = transactions;
    }

    public void generate(DemoSize size) {
        Random random = new Random(size.seed());
        for (DemoContributor contributor : contributors) {
            long start = System.nanoTime();
            transactions.executeWithoutResult(status -> contributor.contribute(size, random));
            log.info("Demo data from {} in {} ms", contributor.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
