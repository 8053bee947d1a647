package dev.berth.model.artifact;

import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Helm chart's metadata, read from its OCI config blob
 * ({@code application/vnd.cncf.helm.config.v1+json}, Chart.yaml as JSON).
 *
 * @param apiVersion  chart API version, {@code v1} or {@code v2}
 * @param name        chart name
 * @param version     chart version (SemVer)
 * @param appVersion  version of the application it deploys
 * @param description one-line description
 * @param type        {@code application} or {@code library}
 * @param kubeVersion supported Kubernetes versions, a SemVer range
 * @param home        project home page
 * @param icon        icon URL
 * @param keywords    keywords
 * @param sources     source URLs
 * @param maintainers maintainers
 * @param deprecated  whether the chart is deprecated
 * @param annotations chart annotations
 */
public record HelmChart(String apiVersion, String name, String version, Optional<String> appVersion,
                        Optional<String> description, Optional<String> type, Optional<String> kubeVersion,
                        Optional<String> home, Optional<String> icon, List<String> keywords, List<String> sources,
                        List<Maintainer> maintainers, boolean deprecated, Map<String, String> annotations) {

    /**
     * A chart maintainer.
     *
     * @param name  name
     * @param email email address, if given
     * @param url   URL, if given
     */
    public record Maintainer(String name, Optional<String> email, Optional<String> url) {
    }

    /**
     * @param configBytes the chart's config blob
     * @return the chart metadata
     * @throws dev.berth.model.MalformedContentException if name or version is missing or a field has the wrong type
     */
    public static HelmChart parse(byte[] configBytes) {
        JsonFields f = JsonFields.root(Json.readObject(configBytes, "Helm chart config"), "Helm chart config");
        List<Maintainer> maintainers = new ArrayList<>();
        for (JsonFields m : f.objects("maintainers")) {
            maintainers.add(new Maintainer(m.optionalString("name").orElse(""), m.optionalString("email"),
                    m.optionalString("url")));
        }
        return new HelmChart(f.optionalString("apiVersion").orElse("v1"), f.string("name"), f.string("version"),
                f.optionalString("appVersion"), f.optionalString("description"), f.optionalString("type"),
                f.optionalString("kubeVersion"), f.optionalString("home"), f.optionalString("icon"),
                List.copyOf(f.strings("keywords")), List.copyOf(f.strings("sources")), List.copyOf(maintainers),
                f.optionalBoolean("deprecated").orElse(false), Map.copyOf(f.stringMap("annotations")));
    }
}
