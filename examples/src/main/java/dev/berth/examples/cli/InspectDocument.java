package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.inspect.ImageDetails;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The JSON document of {@code berth inspect --json}, for other programs of this
 * module (the registry browser answers it for a tag's detail): written by the
 * command's own code, so the two never differ.
 */
public final class InspectDocument {
    private InspectDocument() {
    }

    /**
     * @param title what the image is called, such as {@code registry:5000/team/app:1.0}
     * @param details what {@link dev.berth.client.inspect.ImageInspector} found
     * @return the document {@code berth inspect --json} prints: {@code {"image":{..., "details":{...}}}}
     */
    public static ObjectNode of(String title, ImageDetails details) {
        Output output = new Output(new PrintStream(OutputStream.nullOutputStream()), true);
        InspectCommand.report(title, details, output);
        return output.document();
    }
}
