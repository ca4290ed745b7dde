package org.karyo.inference.cli;

/** This module's {@code karyo} subcommands, registered as {@link KaryoSubcommand} services. */
public final class InferenceSubcommands {

    private InferenceSubcommands() {}

    /** {@code karyo count}. */
    public static final class Count implements KaryoSubcommand {
        @Override
        public String name() {
            return "count";
        }

        @Override
        public Object command() {
            return new CountCommand();
        }
    }

    /** {@code karyo eval}. */
    public static final class Eval implements KaryoSubcommand {
        @Override
        public String name() {
            return "eval";
        }

        @Override
        public Object command() {
            return new EvalCommand();
        }
    }

    /** {@code karyo calibrate}. */
    public static final class Calibrate implements KaryoSubcommand {
        @Override
        public String name() {
            return "calibrate";
        }

        @Override
        public Object command() {
            return new CalibrateCommand();
        }
    }

    /** {@code karyo bench}. */
    public static final class Bench implements KaryoSubcommand {
        @Override
        public String name() {
            return "bench";
        }

        @Override
        public Object command() {
            return new BenchCommand();
        }
    }

    /** {@code karyo calibrate-counts}. */
    public static final class CalibrateCounts implements KaryoSubcommand {
        @Override
        public String name() {
            return "calibrate-counts";
        }

        @Override
        public Object command() {
            return new CalibrateCountsCommand();
        }
    }

    /** {@code karyo karyotype} (issue 24). */
    public static final class Karyotype implements KaryoSubcommand {
        @Override
        public String name() {
            return "karyotype";
        }

        @Override
        public Object command() {
            return new KaryotypeCommand();
        }
    }

    /** {@code karyo karyotype-eval} (issue 24). */
    public static final class KaryotypeEval implements KaryoSubcommand {
        @Override
        public String name() {
            return "karyotype-eval";
        }

        @Override
        public Object command() {
            return new KaryotypeEvalCommand();
        }
    }

    /** {@code karyo karyotype-agree}: class agreement with laboratories' karyograms (issue 24). */
    public static final class KaryotypeAgree implements KaryoSubcommand {
        @Override
        public String name() {
            return "karyotype-agree";
        }

        @Override
        public Object command() {
            return new KaryotypeAgreeCommand();
        }
    }
}
