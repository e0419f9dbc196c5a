package io.github.mixwright.cli;

import io.github.mixwright.io.SampleEncoding;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --encoding} values by their lower-case ids ({@code pcm16}, {@code float32}, ...);
 * also lists them for the help text.
 */
final class EncodingConverter implements ITypeConverter<SampleEncoding>, Iterable<String> {

    @Override
    public SampleEncoding convert(String value) {
        try {
            return SampleEncoding.fromId(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", this));
        }
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(SampleEncoding.values()).map(SampleEncoding::id).collect(Collectors.toList()).iterator();
    }
}
