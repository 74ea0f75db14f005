package io.quarkiverse.functions.nativeimage.driver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ships the shared libraries an image links to next to it. The image finds them through its {@code $ORIGIN} run path,
 * so the directory (a Lambda {@code function.zip}, a container layer) works wherever it is unpacked. Which libraries
 * are needed is read from the ELF files themselves ({@code DT_NEEDED}), transitively.
 */
public final class SharedLibraries {

    private static final int SHT_DYNAMIC = 6;
    private static final long DT_NEEDED = 1;

    private SharedLibraries() {
    }

    /** Copies every library of {@code available} the image needs, directly or through another one; returns them. */
    public static List<Path> ship(Path image, Path available) throws IOException {
        Set<String> shipped = new LinkedHashSet<>();
        Deque<Path> pending = new ArrayDeque<>(List.of(image));
        while (!pending.isEmpty()) {
            for (String needed : needed(pending.removeFirst())) {
                Path library = available.resolve(needed);
                if (Files.isRegularFile(library) && shipped.add(needed)) {
                    pending.add(library);
                }
            }
        }
        List<Path> copies = new ArrayList<>();
        for (String name : shipped) {
            Path target = image.resolveSibling(name);
            Files.copy(available.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
            copies.add(target);
        }
        return copies;
    }

    /** The {@code DT_NEEDED} entries of a 64-bit little-endian ELF file. */
    public static List<String> needed(Path elf) throws IOException {
        ByteBuffer file;
        try (FileChannel channel = FileChannel.open(elf, StandardOpenOption.READ)) {
            file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (file.limit() < 64 || file.getInt(0) != 0x464c457f || file.get(4) != 2 || file.get(5) != 1) {
            throw new IOException(elf + " is not a 64-bit little-endian ELF file");
        }
        long sectionHeaders = file.getLong(0x28);
        int entrySize = Short.toUnsignedInt(file.getShort(0x3A));
        int count = Short.toUnsignedInt(file.getShort(0x3C));
        List<String> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int header = (int) (sectionHeaders + (long) i * entrySize);
            if (file.getInt(header + 4) != SHT_DYNAMIC) {
                continue;
            }
            long offset = file.getLong(header + 0x18);
            long size = file.getLong(header + 0x20);
            int stringsHeader = (int) (sectionHeaders + (long) file.getInt(header + 0x28) * entrySize);
            long strings = file.getLong(stringsHeader + 0x18);
            for (long entry = offset; entry + 16 <= offset + size; entry += 16) {
                long tag = file.getLong((int) entry);
                if (tag == 0) {
                    break;
                }
                if (tag == DT_NEEDED) {
                    result.add(string(file, (int) (strings + file.getLong((int) entry + 8))));
                }
            }
        }
        return result;
    }

    private static String string(ByteBuffer file, int start) {
        int end = start;
        while (file.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        file.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
