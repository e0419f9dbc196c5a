package io.github.mixwright.cli;

import io.github.mixwright.io.Dither;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --dither tpdf|none}; also lists the choices for the help text. */
final class DitherConverter implements ITypeConverter<Dither>, Iterable<String> {

    @Override
    public Dither convert(String value) {
        for (Dither d : Dither.values()) {
            if (id(d).equals(value)) {
                return d;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", this));
    }

    @Override
    public Iterator<String> iterator() {
        return List.of(Dither.values()).stream().map(DitherConverter::id).iterator();
    }

    static String id(Dither d) {
        return d.name().toLowerCase(Locale.ROOT);
    }
}
