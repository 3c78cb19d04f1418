package io.torii.dataplane.pcap;

import java.io.IOException;

/**
 * A capture file that cannot be read: its message names the file, the record or block (counted from
 * 1, as Wireshark numbers frames), its byte offset in the file, and what is wrong with it.
 */
public final class PcapFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** The file name or description given to the reader. */
    private final String file;
    /** The record or block number, counted from 1; 0 for the file header. */
    private final long index;
    /** The byte offset in the file where the record, block or header starts. */
    private final long offset;

    /**
     * @param file the file name or description.
     * @param unit "record" (classic pcap) or "block" (pcapng).
     * @param index the record or block number counted from 1, or 0 for the file header.
     * @param offset the byte offset where it starts.
     * @param problem what is wrong, and what was expected.
     */
    public PcapFormatException(
        final String file, final String unit, final long index, final long offset, final String problem)
    {
        super(file + ": " + (index == 0 ? "file header" : unit + " " + index) + " at byte offset " + offset +
            ": " + problem);
        this.file = file;
        this.index = index;
        this.offset = offset;
    }

    /** @return the file name or description given to the reader. */
    public String file()
    {
        return file;
    }

    /** @return the record or block number counted from 1, or 0 for the file header. */
    public long index()
    {
        return index;
    }

    /** @return the byte offset in the file where the bad record, block or header starts. */
    public long offset()
    {
        return offset;
    }
}
