package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Executable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RegistryErrorTest {

    @Test
    void parsesTheSpecificationsErrorBody() {
        byte[] body = ("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"x\"}},"
                + "{\"code\":\"SOMETHING_NEW\",\"message\":\"m\"}]}").getBytes(StandardCharsets.UTF_8);
        List<RegistryError> errors = RegistryError.parseBody(body);
        assertEquals(ErrorCode.MANIFEST_UNKNOWN, errors.get(0).code());
        assertEquals(Optional.of("{\"Tag\":\"x\"}"), errors.get(0).detail());
        assertEquals(ErrorCode.UNKNOWN, errors.get(1).code());
        assertEquals("SOMETHING_NEW", errors.get(1).rawCode());
    }

    @Test
    void writesABodyThatParsesBack() {
        List<RegistryError> errors = List.of(RegistryError.of(ErrorCode.NAME_INVALID, "bad name"),
                RegistryError.of(ErrorCode.DIGEST_INVALID, "m").withDetail("{\"a\":1}"));
        assertEquals(errors, RegistryError.parseBody(RegistryError.toBody(errors)));
    }

    @Test
    void isMadeFromPlainValuesAndWithoutDetailReadsBackEmpty() {
        List<String> takingOptional = Stream.concat(Arrays.stream(RegistryError.class.getConstructors()),
                        Arrays.stream(RegistryError.class.getMethods()))
                .filter(m -> Arrays.asList(((Executable) m).getParameterTypes()).contains(Optional.class))
                .map(Executable::getName).toList();
        assertEquals(List.of(), takingOptional);
        assertEquals(0, RegistryError.class.getConstructors().length);
        RegistryError plain = RegistryError.of(ErrorCode.DENIED, "no");
        assertEquals(Optional.empty(), plain.detail());
        assertEquals(Optional.empty(), RegistryError.of(ErrorCode.DENIED).detail());
        assertEquals(Optional.of("{}"), plain.withDetail("{}").detail());
        assertEquals("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}",
                new String(RegistryError.toBody(List.of(plain)), StandardCharsets.UTF_8));
        assertEquals("code", assertThrows(InvalidArgumentException.class, () -> RegistryError.of(null)).argument());
        assertEquals("message", assertThrows(InvalidArgumentException.class,
                () -> RegistryError.of(ErrorCode.DENIED, null)).argument());
        assertEquals("detail", assertThrows(InvalidArgumentException.class, () -> plain.withDetail(null)).argument());
    }

    @Test
    void exceptionCarriesStatusAndCodes() {
        RegistryException e = new RegistryException("GET manifest a:b", 404, List.of(RegistryError.of(ErrorCode.MANIFEST_UNKNOWN)));
        assertTrue(e.hasCode(ErrorCode.MANIFEST_UNKNOWN));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("MANIFEST_UNKNOWN"), e.getMessage());
        assertTrue(new RegistryException("x", 503, List.of()).isTemporary());
        assertTrue(new RegistryException("x", 429, List.of()).isTemporary());
        assertTrue(!new RegistryException("x", 404, List.of()).isTemporary());
    }

    @Test
    void codesMapToTheirHttpStatus() {
        assertEquals(404, ErrorCode.BLOB_UNKNOWN.httpStatus());
        assertEquals(405, ErrorCode.UNSUPPORTED.httpStatus());
        assertEquals(429, ErrorCode.TOOMANYREQUESTS.httpStatus());
        assertEquals(ErrorCode.DENIED, ErrorCode.fromCode("denied"));
        assertEquals(ErrorCode.UNKNOWN, ErrorCode.fromCode(null));
    }

    @Property
    void anyBodyParsesWithoutThrowing(@ForAll byte[] body) {
        RegistryError.parseBody(body);
    }
}
