package com.example.clientonly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/** A project that depends on oci-client alone inherits neither Bouncy Castle nor jdk.httpserver. */
class ClientClosureTest {
    private static final List<String> CLASS_PATH = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));

    @Test
    void dependencyTreeHoldsNoBouncyCastle() throws Exception {
        // Written by `mvn dependency:tree` just before this build's tests (invoker.properties).
        String tree = Files.readString(Path.of("target/dependency-tree.txt"));
        assertTrue(tree.contains("dev.berth:oci-client:jar"), tree);
        assertTrue(tree.contains("dev.berth:oci-auth:jar"), tree);
        assertFalse(tree.contains("bouncycastle"), tree);
        assertFalse(tree.contains("oci-server"), tree);
        assertFalse(CLASS_PATH.stream().anyMatch(entry -> entry.contains("bouncycastle")), String.join("\n", CLASS_PATH));
    }

    @Test
    void theClientsModulesNeedNoJdkHttpServer() {
        List<String> berth = CLASS_PATH.stream().filter(entry -> entry.contains("/dev/berth/")).toList();
        assertEquals(3, berth.size(), "oci-client, oci-auth, oci-model: " + berth);
        List<String> args = new ArrayList<>(List.of("--multi-release", "17", "--ignore-missing-deps", "--print-module-deps",
                "--module-path", String.join(File.pathSeparator, CLASS_PATH)));
        args.addAll(berth);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        int status = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(0, status, err.toString());
        List<String> modules = Arrays.asList(out.toString().trim().split(","));
        assertTrue(modules.contains("java.net.http"), "jdeps sees the client's HTTP use: " + modules);
        assertFalse(modules.contains("jdk.httpserver"), "jdeps --print-module-deps: " + modules);
    }
}
