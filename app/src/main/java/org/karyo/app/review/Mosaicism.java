package org.karyo.app.review;

/**
 * The one definition of Hook's (1977) table used by the count panel and the report: the smallest
 * proportion of abnormal cells that {@code n} normal cells exclude with 95 % confidence,
 * {@code 1 - 0.05^(1/n)} (20 cells -> 14 %, 30 -> 10 %, 50 -> 6 %).
 */
public final class Mosaicism {

    private Mosaicism() {}

    /** The excluded proportion for {@code n} counted cells; NaN when none are counted. */
    public static double excluded95(int n) {
        return n <= 0 ? Double.NaN : 1 - Math.pow(0.05, 1.0 / n);
    }

    /**
     * A proportion in whole percent, rounded up: "7.2 % or more excluded" is stated as 8 %, never as
     * 7 %, so the claim is never stronger than the statistics allow.
     */
    public static int percentRoundedUp(double proportion) {
        return (int) Math.ceil(proportion * 100 - 1e-9);
    }
}
