package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Where the failing code is, from what a build knows (GIT_URL, GIT_BRANCH, GIT_COMMIT). */
class CodeLocationTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme/webapp", "https://github.com/acme/webapp.git", "https://github.com/acme/webapp/",
        "https://builder:s3cr3t@github.com/acme/webapp.git", "http://git.acme.com/acme/webapp",
        "ssh://git@github.com/acme/webapp.git", "ssh://git@git.acme.com:2222/acme/webapp.git",
        "git@github.com:acme/webapp.git", "git@git.acme.com:acme/webapp", "git://github.com/acme/webapp.git",
        "https://gitlab.acme.com/platform/acme/webapp.git"})
    void theRepositoryIsOwnerAndNameFromAnyCommonRemoteUrl(String remote) {
        assertThat(GitRemote.ownerAndName(remote)).contains("acme/webapp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "webapp", "/srv/git/acme/webapp.git", "file:///srv/git/acme/webapp", "C:\\repos\\webapp",
        "https://github.com/acme", "acme/../webapp"})
    void whatIsNoRemoteUrlGivesNoRepository(String remote) {
        assertThat(GitRemote.ownerAndName(remote)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"origin/main,main", "main,main", "origin/feature/signup,feature/signup",
        "refs/heads/release/1.x,release/1.x", "refs/remotes/upstream/main,main", "remotes/origin/main,main"})
    void theBranchLosesItsRemotePrefix(String given, String branch) throws CodegenException {
        CodeLocation location = CodeLocation.of("acme/webapp", given, "3F2A9C0D1E4B");

        assertThat(location.branch()).isEqualTo(branch);
        assertThat(location.commit()).isEqualTo("3f2a9c0d1e4b");
        assertThat(location.shortCommit()).isEqualTo("3f2a9c0");
    }

    @Test
    void aMissingRepositoryAndABadCommitAreBothNamed() {
        CodegenException e = catchThrowableOfType(() -> CodeLocation.of(" ", "main", "not-a-sha"),
                CodegenException.class);

        assertThat(e.getMessage()).contains("repository", "is not given", "commit", "'not-a-sha' is no commit id");
    }
}
