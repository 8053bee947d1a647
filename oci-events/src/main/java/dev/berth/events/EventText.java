package dev.berth.events;

import dev.berth.model.InvalidArgumentException;

/**
 * Makes an event's text fields safe to print on a terminal or in a log line.
 * Every text field of an event comes from whoever sent the webhook (or from
 * whoever pushed to the registry: a tag, a user agent), so a hostile event
 * could otherwise forge extra lines (CR, LF, U+2028), recolour or clear the
 * terminal (ANSI escapes), hide or reorder text (bidi and zero-width
 * controls), or flood the screen (a megabyte tag).
 *
 * <pre>{@code
 * System.out.println(EventText.printable(event.request().userAgent(), EventText.MAX_USER_AGENT));
 * }</pre>
 */
public final class EventText {
    /** Longest repository printed, in code points (distribution's own limit on names is 255). */
    public static final int MAX_REPOSITORY = 256;
    /** Longest tag printed (the OCI distribution spec allows 128). */
    public static final int MAX_TAG = 128;
    /** Longest actor, user agent, media type or action printed. */
    public static final int MAX_NAME = 128;
    /** Longest digest printed (sha512 in hex is 135). */
    public static final int MAX_DIGEST = 160;
    /** What replaces a character that must not reach a terminal. */
    public static final char REPLACEMENT = '?';

    private static final String ELLIPSIS = "…";

    private EventText() {
    }

    /**
     * @param text      any text
     * @param maxLength the most code points to keep, at least 1; longer text is cut and ends in {@code …}
     * @return the text with every control, format (bidi, zero-width), line- or paragraph-separator character and
     *         every unpaired surrogate replaced by {@value #REPLACEMENT}, cut to {@code maxLength} code points
     * @throws InvalidArgumentException if {@code text} is null or {@code maxLength} is less than 1
     */
    public static String printable(String text, int maxLength) {
        InvalidArgumentException.requireNonNull(text, "text");
        if (maxLength < 1) {
            throw new InvalidArgumentException("maxLength", "must be at least 1, not " + maxLength);
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength + 1));
        int kept = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (kept == maxLength - 1 && i < text.length()) {
                out.append(ELLIPSIS); // the last place says the text went on
                break;
            }
            if (isUnsafe(cp)) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(cp);
            }
            kept++;
        }
        return out.toString();
    }

    private static boolean isUnsafe(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:             // C0 (ESC, CR, LF, NUL, TAB), DEL and C1 (8-bit CSI)
            case Character.FORMAT:              // bidi overrides and isolates, zero-width characters
            case Character.LINE_SEPARATOR:      // U+2028
            case Character.PARAGRAPH_SEPARATOR: // U+2029
            case Character.SURROGATE:           // half of a pair: not a character at all
                return true;
            default:
                return false;
        }
    }
}
