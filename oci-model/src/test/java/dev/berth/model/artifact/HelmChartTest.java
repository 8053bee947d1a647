package dev.berth.model.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.model.InvalidArgumentException;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A chart's metadata is made from plain values, and what the chart does not say reads back empty. */
class HelmChartTest {

    @Test
    void noPublicConstructorOrMethodTakesAnOptional() {
        List<String> found = new ArrayList<>();
        for (Class<?> type : List.of(HelmChart.class, HelmChart.Builder.class, HelmChart.Maintainer.class)) {
            assertEquals(0, type.getConstructors().length, type.getSimpleName() + " is made by a factory or builder");
            Stream.concat(Arrays.stream(type.getConstructors()), Arrays.stream(type.getMethods()))
                    .filter(m -> Modifier.isPublic(m.getModifiers()))
                    .filter(m -> Arrays.stream(((Executable) m).getParameterTypes()).anyMatch(p -> p == Optional.class))
                    .forEach(m -> found.add(type.getSimpleName() + "." + m.getName()));
        }
        assertEquals(List.of(), found);
    }

    @Test
    void whatIsNotSetIsEmpty() {
        HelmChart chart = HelmChart.builder("app", "0.3.1").build();
        assertEquals("v1", chart.apiVersion());
        assertEquals(Optional.empty(), chart.appVersion());
        assertEquals(Optional.empty(), chart.description());
        assertEquals(Optional.empty(), chart.type());
        assertEquals(Optional.empty(), chart.kubeVersion());
        assertEquals(Optional.empty(), chart.home());
        assertEquals(Optional.empty(), chart.icon());
        assertEquals(List.of(), chart.keywords());
        assertEquals(List.of(), chart.sources());
        assertEquals(List.of(), chart.maintainers());
        assertEquals(Map.of(), chart.annotations());
        assertEquals(false, chart.deprecated());
        assertEquals(chart, HelmChart.parse("{\"name\":\"app\",\"version\":\"0.3.1\"}".getBytes(StandardCharsets.UTF_8)));
        HelmChart.Maintainer nobody = HelmChart.Maintainer.of("");
        assertEquals(Optional.empty(), nobody.email());
        assertEquals(Optional.empty(), nobody.url());
    }

    @Test
    void whatIsSetReadsBackAndEqualsTheParsedChart() {
        HelmChart built = HelmChart.builder("nginx", "15.1.0").apiVersion("v2").appVersion("1.25.1")
                .description("NGINX").type("application").kubeVersion(">=1.23").home("https://example.com")
                .icon("https://example.com/i.png").keywords(List.of("http")).sources(List.of("https://example.com/src"))
                .maintainers(List.of(HelmChart.Maintainer.of("Ex").withEmail("ex@example.com").withUrl("https://ex")))
                .deprecated(true).annotations(Map.of("category", "Infra")).build();
        HelmChart parsed = HelmChart.parse("""
                {"apiVersion":"v2","name":"nginx","version":"15.1.0","appVersion":"1.25.1","description":"NGINX",
                 "type":"application","kubeVersion":">=1.23","home":"https://example.com",
                 "icon":"https://example.com/i.png","keywords":["http"],"sources":["https://example.com/src"],
                 "maintainers":[{"name":"Ex","email":"ex@example.com","url":"https://ex"}],"deprecated":true,
                 "annotations":{"category":"Infra"}}
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(parsed, built);
        assertEquals(parsed.hashCode(), built.hashCode());
        assertEquals(Optional.of("ex@example.com"), built.maintainers().get(0).email());
        assertEquals(Optional.of(">=1.23"), built.kubeVersion());
    }

    @Test
    void aBadValueIsATypedErrorNamingIt() {
        HelmChart.Builder b = HelmChart.builder("app", "1");
        assertEquals("name", argument(() -> HelmChart.builder(" ", "1")));
        assertEquals("version", argument(() -> HelmChart.builder("app", null)));
        assertEquals("apiVersion", argument(() -> b.apiVersion(null)));
        assertEquals("appVersion", argument(() -> b.appVersion(" ")));
        assertEquals("description", argument(() -> b.description(null)));
        assertEquals("type", argument(() -> b.type(null)));
        assertEquals("kubeVersion", argument(() -> b.kubeVersion(null)));
        assertEquals("home", argument(() -> b.home(null)));
        assertEquals("icon", argument(() -> b.icon(null)));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("keywords", argument(() -> b.keywords(withNull)));
        assertEquals("sources", argument(() -> b.sources(null)));
        assertEquals("maintainers", argument(() -> b.maintainers(null)));
        assertEquals("annotations", argument(() -> b.annotations(null)));
        assertEquals("name", argument(() -> HelmChart.Maintainer.of(null)));
        assertEquals("email", argument(() -> HelmChart.Maintainer.of("a").withEmail(null)));
        assertEquals("url", argument(() -> HelmChart.Maintainer.of("a").withUrl(" ")));
    }

    private static String argument(Runnable call) {
        return assertThrows(InvalidArgumentException.class, call::run).argument();
    }
}
