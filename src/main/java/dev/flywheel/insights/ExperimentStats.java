package dev.flywheel.insights;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The statistics of an A/B test on conversion rates. Pure functions.
 *
 * <ul>
 * <li>Assignment: the first 8 bytes of SHA-256("experiment id:account id") as an unsigned number,
 * modulo 10,000, below {@code treatmentShare × 10,000} → treatment. The same account always gets
 * the same arm, on every node, with no stored state.</li>
 * <li>Lift: absolute difference of rates p<sub>t</sub> − p<sub>c</sub> with a 95% Wald interval
 * (unpooled standard error); relative lift = difference / p<sub>c</sub>, its interval the
 * absolute interval divided by p<sub>c</sub>.</li>
 * <li>p-value: two-sided two-proportion z-test with the pooled rate.</li>
 * <li>Sample size per arm for a two-sided test at α = 0.05 and power 0.8 to detect an absolute
 * change {@code mde} from the baseline rate.</li>
 * </ul>
 */
final class ExperimentStats {

    static final double Z_975 = 1.959963984540054;
    static final double Z_80 = 0.8416212335729143;

    record Result(long controlExposed, long controlConverted, long treatmentExposed, long treatmentConverted, double controlRate,
            double treatmentRate, double difference, double differenceLow, double differenceHigh, double relativeLift,
            double relativeLow, double relativeHigh, double z, double pValue) {

        boolean significant() {
            return pValue < 0.05;
        }
    }

    private ExperimentStats() {
    }

    static boolean inTreatment(String experimentId, String accountId, double treatmentShare) {
        long bucket = Long.remainderUnsigned(hash64(experimentId + ":" + accountId), 10_000);
        return bucket < Math.round(treatmentShare * 10_000);
    }

    static long hash64(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static Result compare(long nc, long xc, long nt, long xt) {
        double pc = nc == 0 ? Double.NaN : (double) xc / nc;
        double pt = nt == 0 ? Double.NaN : (double) xt / nt;
        double diff = pt - pc;
        double se = Math.sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc);
        double low = diff - Z_975 * se;
        double high = diff + Z_975 * se;
        double pooled = (double) (xc + xt) / (nc + nt);
        double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / nc + 1.0 / nt));
        double z = pooledSe == 0 ? 0 : diff / pooledSe;
        double p = pooledSe == 0 ? 1 : 2 * (1 - normalCdf(Math.abs(z)));
        return new Result(nc, xc, nt, xt, pc, pt, diff, low, high, diff / pc, low / pc, high / pc, z, p);
    }

    /** Accounts needed in each arm to detect an absolute change {@code mde} from {@code baseline} (α 0.05 two-sided, power 0.8). */
    static long sampleSizePerArm(double baseline, double mde) {
        if (baseline <= 0 || baseline >= 1 || mde == 0 || baseline + mde <= 0 || baseline + mde >= 1) {
            throw new IllegalArgumentException("baseline and baseline + mde must be strictly between 0 and 1, and mde not 0");
        }
        double p1 = baseline;
        double p2 = baseline + mde;
        double pBar = (p1 + p2) / 2;
        double a = Z_975 * Math.sqrt(2 * pBar * (1 - pBar));
        double b = Z_80 * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long) Math.ceil((a + b) * (a + b) / (mde * mde));
    }

    /** Standard normal CDF through the complementary error function (Chebyshev fit, fractional error below 1.2e-7). */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
