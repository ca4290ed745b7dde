package org.karyo.app.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link Iscn#parse} made of a karyotype string: the clones when it is well formed, or the
 * messages that say what is wrong and where (1-based character positions). Never both empty.
 */
public record IscnResult(String input, String prefix, List<Clone> clones, List<Message> messages) {

    /** One cell line: chromosome number, sex chromosomes (null for idem/sl/sdl), abnormalities, cells in [n]. */
    public record Clone(int count, String sexChromosomes, List<Abnormality> abnormalities, Integer cells) {
        public Clone {
            abnormalities = List.copyOf(abnormalities);
        }
    }

    /** One abnormality as written, with its kind. */
    public record Abnormality(String text, Kind kind) {
        public enum Kind {
            GAIN,
            LOSS,
            STRUCTURAL,
            MARKER
        }
    }

    /** A problem at a 1-based position of the input. */
    public record Message(int position, String text) {
        @Override
        public String toString() {
            return position > 0 ? "at " + position + ": " + text : text;
        }
    }

    public IscnResult {
        clones = List.copyOf(clones);
        messages = List.copyOf(messages);
    }

    public boolean ok() {
        return messages.isEmpty();
    }

    public boolean mosaic() {
        return clones.size() > 1;
    }

    /** The messages joined into one line for a UI or a command line. */
    public String describeProblems() {
        return messages.stream().map(Message::toString).collect(Collectors.joining("; "));
    }
}
