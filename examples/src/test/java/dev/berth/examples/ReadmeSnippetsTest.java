package dev.berth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets are the code of tests, word for word: each {@code ```java} block of README.md
 * follows a {@code <!-- snippet: NAME -->} line, and exactly one test source of some module holds the same
 * lines between {@code // snippet: NAME} and {@code // end snippet} (indentation aside). That test compiles and
 * runs the snippet with its module's class path; this one keeps the two texts equal.
 *
 * <p>To add a snippet: put the marker and the block in the README, and the same lines, marked, in a test of
 * the module it shows, with whatever the snippet takes as given declared before the marker.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String README_MARKER = "<!-- snippet: ";
    private static final String SOURCE_MARKER = "// snippet: ";
    private static final String SOURCE_END = "// end snippet";

    @Test
    void everyJavaBlockOfTheReadmeIsTheCodeOfATest() throws IOException {
        Map<String, String> readme = readmeSnippets(Files.readAllLines(ROOT.resolve("README.md")));
        Map<String, List<Snippet>> sources = sourceSnippets();
        assertFalse(readme.isEmpty(), "no snippets found in README.md");
        List<String> problems = new ArrayList<>();
        readme.forEach((name, text) -> {
            List<Snippet> found = sources.getOrDefault(name, List.of());
            if (found.size() != 1) {
                problems.add("README snippet " + name + " is in " + found.size() + " test sources, not one: "
                        + found.stream().map(Snippet::file).toList());
            } else if (!found.get(0).text().equals(text)) {
                problems.add("README snippet " + name + " differs from " + ROOT.relativize(found.get(0).file())
                        + ":\n--- README\n" + text + "\n--- test\n" + found.get(0).text());
            }
        });
        sources.keySet().stream().filter(n -> !readme.containsKey(n))
                .forEach(n -> problems.add("test snippet " + n + " is not in README.md: " + sources.get(n)));
        assertTrue(problems.isEmpty(), String.join("\n\n", problems));
    }

    @Test
    void snippetIndentationIsIgnoredButNotTheText() {
        assertEquals("a();\n    b();", dedent(List.of("        a();", "            b();")));
    }

    private static Map<String, String> readmeSnippets(List<String> lines) {
        Map<String, String> snippets = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("```java")) {
                String marker = i > 0 ? lines.get(i - 1).strip() : "";
                assertTrue(marker.startsWith(README_MARKER) && marker.endsWith(" -->"),
                        "README.md line " + (i + 1) + ": a ```java block without a " + README_MARKER + "NAME --> line above it");
                String name = marker.substring(README_MARKER.length(), marker.length() - " -->".length()).strip();
                int end = i + 1;
                while (!lines.get(end).strip().equals("```")) {
                    end++;
                }
                assertTrue(snippets.put(name, dedent(lines.subList(i + 1, end))) == null, "two README snippets named " + name);
                i = end;
            }
        }
        return snippets;
    }

    private record Snippet(Path file, String text) {
    }

    private static Map<String, List<Snippet>> sourceSnippets() throws IOException {
        Map<String, List<Snippet>> found = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/java/")
                    && !p.toString().contains("/target/") && !p.endsWith("ReadmeSnippetsTest.java")).toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith(SOURCE_MARKER)) {
                    String name = line.substring(SOURCE_MARKER.length()).strip();
                    int end = i + 1;
                    while (end < lines.size() && !lines.get(end).strip().equals(SOURCE_END)) {
                        end++;
                    }
                    assertTrue(end < lines.size(), file + ": snippet " + name + " has no " + SOURCE_END);
                    found.computeIfAbsent(name, n -> new ArrayList<>()).add(new Snippet(file, dedent(lines.subList(i + 1, end))));
                    i = end;
                }
            }
        }
        return found;
    }

    // The lines without the indentation they share, trailing blanks dropped.
    static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
        }
        return String.join("\n", out).strip();
    }
}
