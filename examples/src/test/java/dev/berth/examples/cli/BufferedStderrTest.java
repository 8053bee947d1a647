package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class BufferedStderrTest {
    @Test
    void aCallersFlushWaitsForTheFlusherWhichWritesEveryLineInOrder() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream err = BufferedStderr.batching(sink, 60_000); // the flusher's turn is a minute away
        err.println("first");
        err.flush();
        assertEquals(0, sink.size(), "a logger's flush after each line makes no write of its own");

        PrintStream soon = BufferedStderr.batching(sink, 20);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            soon.println("line " + i);
            soon.print('(');
            soon.print(i);
            soon.println(")"); // println(String) writes bytes of its own: the characters before it stay in order
            soon.println((Object) null);
            soon.flush();
            expected.append("line ").append(i).append(System.lineSeparator()).append('(').append(i).append(')')
                    .append(System.lineSeparator()).append("null").append(System.lineSeparator());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sink.size() < expected.length() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected.toString(), sink.toString(Charset.defaultCharset()), "the flusher wrote every line, in order");
    }
}
