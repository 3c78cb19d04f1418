package io.torii.dataplane.pcap;

import java.io.IOException;

/**
 * One container format's parser, positioned after the file's first four bytes.
 */
interface FrameSource
{
    /**
     * Reads the next frame into {@code frame}, leaving its IP fields for {@link LinkLayer} to set.
     *
     * @return false at a clean end of file.
     * @throws PcapFormatException if the file is malformed or ends inside a record or block.
     */
    boolean next(PcapFrame frame) throws IOException;

    /** @return the format this source parses. */
    CaptureFormat format();
}
