package io.jenkins.plugins.codegen.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryNameTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "acme/webapp",
        " acme/webapp ",
        "acme/webapp.git",
        "https://github.com/acme/webapp",
        "https://github.com/acme/webapp/",
        "https://github.com/acme/webapp.git",
        "http://github.com/acme/webapp",
        "https://www.github.com/acme/webapp",
        "github.com/acme/webapp",
        "git@github.com:acme/webapp.git",
        "ssh://git@github.com/acme/webapp.git"})
    void readsTheWaysPeopleWriteARepository(String written) {
        assertThat(RepositoryName.normalize(written)).contains("acme/webapp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme-Corp/web_app.v2", "a/b", "octo-org/.github"})
    void keepsNamesGitHubAllows(String written) {
        assertThat(RepositoryName.normalize(written)).contains(written);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "webapp",
        "acme/",
        "/webapp",
        "-acme/webapp",
        "acme/webapp/extra",
        "acme/..",
        "acme web/app",
        "https://github.com/acme",
        "https://gitlab.com/acme/webapp",
        "https://github.com.evil.example/acme/webapp",
        "ftp://github.com/acme/webapp"})
    void refusesAnythingElse(String written) {
        assertThat(RepositoryName.normalize(written)).isEmpty();
    }
}
