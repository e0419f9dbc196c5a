# Writes src-8bit-mono-8k.wav, src-12bit-mono-11025.wav, src-20bit-stereo-48k.wav and
# src-32bit-mono-44k1.wav: two sines and a little seeded noise, as WAVE_FORMAT_EXTENSIBLE PCM
# with the valid bits given (samples left-justified in their container; 8-bit unsigned).
import math, random, struct
random.seed(7)
def wav(name, bits, rate, ch, secs, cbytes):
    n = int(rate * secs)
    amp = (1 << (bits - 1)) - 1
    data = bytearray()
    for i in range(n):
        for c in range(ch):
            v = 0.6 * math.sin(2 * math.pi * 330 * (c + 1) * i / rate) + 0.2 * math.sin(2 * math.pi * 47 * i / rate) \
                + random.uniform(-0.02, 0.02)
            q = max(-amp - 1, min(amp, int(round(v * amp)))) << (8 * cbytes - bits)
            data += bytes([q + 128]) if cbytes == 1 else q.to_bytes(cbytes, 'little', signed=True)
    guid = struct.pack('<IHH', 1, 0, 0x10) + bytes([0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71])
    fmt = struct.pack('<HHIIHHHHI', 0xFFFE, ch, rate, rate * ch * cbytes, ch * cbytes, 8 * cbytes, 22, bits, 0) + guid
    body = b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt + b'data' + struct.pack('<I', len(data)) + data
    if len(data) % 2:
        body += b'\0'
    with open(name, 'wb') as f:
        f.write(b'RIFF' + struct.pack('<I', len(body)) + body)
wav('src-8bit-mono-8k.wav', 8, 8000, 1, 0.1, 1)
wav('src-12bit-mono-11025.wav', 12, 11025, 1, 0.1, 2)
wav('src-20bit-stereo-48k.wav', 20, 48000, 2, 0.05, 3)
wav('src-32bit-mono-44k1.wav', 32, 44100, 1, 0.05, 4)
