package io.jenkins.plugins.codegen.prompt;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sections of a prompt before it is built. Sections appear in {@link PromptPart} order with a
 * blank line between them, so the text is the same for the same sections, whatever order they
 * were added in.
 */
final class PromptDraft {
    private final Map<PromptPart, Section> sections = new EnumMap<>(PromptPart.class);

    void put(PromptPart part, Section section) {
        sections.put(part, section);
    }

    <S extends Section> Optional<S> get(PromptPart part, Class<S> kind) {
        return Optional.ofNullable(sections.get(part)).filter(kind::isInstance).map(kind::cast);
    }

    /** Whether there was such a part to remove. */
    boolean remove(PromptPart part) {
        return sections.remove(part) != null;
    }

    /** The length of the prompt {@link #render()} would build. */
    int length() {
        int length = Math.max(0, sections.size() - 1);
        for (PromptPart part : sections.keySet()) {
            length += length(part);
        }
        return length;
    }

    /** The length of one part, heading included; 0 when it is absent. */
    int length(PromptPart part) {
        Section section = sections.get(part);
        return section == null ? 0 : part.headingLine().length() + section.length();
    }

    String render() {
        StringBuilder prompt = new StringBuilder(length());
        sections.forEach((part, section) -> {
            if (prompt.length() > 0) {
                prompt.append('\n');
            }
            prompt.append(part.headingLine());
            section.appendTo(prompt);
        });
        return prompt.toString();
    }
}
