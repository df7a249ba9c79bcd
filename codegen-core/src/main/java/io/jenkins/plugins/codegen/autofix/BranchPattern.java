package io.jenkins.plugins.codegen.autofix;

import java.util.regex.Pattern;

/**
 * A branch name or a glob: {@code *} is any run of characters but {@code /}, {@code **} any run at
 * all, {@code ?} one character but {@code /}; everything else stands for itself. So
 * {@code release/*} is {@code release/1.2} but not {@code release/1.2/hotfix}, which
 * {@code release/**} is too. Branch names compare case-sensitively, as Git's do.
 */
record BranchPattern(String text, Pattern regex) {

    static BranchPattern of(String text) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '*' && c != '?') {
                literal.append(c);
                continue;
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            if (c == '?') {
                regex.append("[^/]");
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else {
                regex.append("[^/]*");
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return new BranchPattern(text, Pattern.compile(regex.toString()));
    }

    boolean matches(String branch) {
        return regex.matcher(branch).matches();
    }
}
