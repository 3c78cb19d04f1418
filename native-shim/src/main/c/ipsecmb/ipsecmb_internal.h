/*
 * What the ipsec-mb layer's C files share: the manager, the key schedule as a C struct (its
 * offsets are the ABI documented in torii_shim.h and checked below at compile time), and
 * small helpers for big-endian fields and constant-time comparison.
 */
#ifndef TORII_IPSECMB_INTERNAL_H
#define TORII_IPSECMB_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <emmintrin.h>
#include <intel-ipsec-mb.h>
#include "torii_shim.h"

#define KEY_MAGIC        0x544B5331u /* "TKS1" */
#define ESP_HEADER_LEN   8
#define AEAD_IV_LEN      8
#define AEAD_TAG_LEN     16
#define SALT_LEN         4
#define NONCE_LEN        12
#define AES_BLOCK        16
#define ROUND_KEYS_LEN   240         /* 15 round keys: enough for AES-256, what ipsec-mb writes */
#define MAX_ICV_LEN      32
#define MAX_HASH_BLOCK   128

/* A per-thread manager: ipsec-mb's state and the scratch AH with ESN needs. */
struct torii_ipsecmb_mgr {
    IMB_MGR *imb;
    int32_t arch;
    /*
     * Where, in a key schedule, this manager's GCM code finds its hash keys: the ones a short message
     * multiplies by (H^1 up to H^8) and all of them. Each architecture lays them out differently (the
     * VAES code keeps H^1 last); esp_batch.c prefetches exactly these lines.
     */
    uint32_t short_hkeys_from;
    uint32_t short_hkeys_to;
    uint32_t all_hkeys_from;
    uint32_t all_hkeys_to;
    /* AH with ESN: data and the 4 sequence-high bytes, which the MAC needs contiguous. */
    uint8_t *ah_scratch;
};

/* The schedule; see torii_ipsecmb_key_size() in torii_shim.h for the layout. */
typedef struct key_schedule {
    uint32_t magic;
    uint16_t cipher;
    uint16_t integ;
    int32_t arch;
    uint8_t iv_len;
    uint8_t icv_len;
    uint8_t sealed_any;
    uint8_t reserved0;
    uint64_t last_iv;
    uint8_t salt[SALT_LEN];
    uint32_t reserved1;
    uint64_t iv_counter;
    uint8_t iv_prefix[8];
    uint8_t reserved2[16];
    union {
        struct gcm_key_data gcm;
        uint8_t chacha_key[32];
        struct {
            uint8_t enc[256];
            uint8_t dec[256];
            uint8_t iv_key[256];
        } cbc;
        uint8_t bytes[1024];
    } cipher_keys;
    uint8_t ipad[64];
    uint8_t opad[64];
    uint8_t reserved3[128];
} __attribute__((aligned(TORII_IPSECMB_KEY_ALIGN))) key_schedule;

_Static_assert(offsetof(key_schedule, cipher) == 4, "cipher at 4");
_Static_assert(offsetof(key_schedule, integ) == 6, "integ at 6");
_Static_assert(offsetof(key_schedule, arch) == 8, "arch at 8");
_Static_assert(offsetof(key_schedule, iv_len) == 12, "iv_len at 12");
_Static_assert(offsetof(key_schedule, icv_len) == 13, "icv_len at 13");
_Static_assert(offsetof(key_schedule, sealed_any) == 14, "sealed_any at 14");
_Static_assert(offsetof(key_schedule, last_iv) == 16, "last_iv at 16");
_Static_assert(offsetof(key_schedule, salt) == 24, "salt at 24");
_Static_assert(offsetof(key_schedule, iv_counter) == 32, "iv_counter at 32");
_Static_assert(offsetof(key_schedule, iv_prefix) == 40, "iv_prefix at 40");
_Static_assert(offsetof(key_schedule, cipher_keys) == 64, "cipher keys at 64");
_Static_assert(offsetof(key_schedule, cipher_keys.cbc.dec) == 320, "CBC decryption keys at 320");
_Static_assert(offsetof(key_schedule, cipher_keys.cbc.iv_key) == 576, "IV key at 576");
_Static_assert(sizeof(struct gcm_key_data) <= 1024, "gcm_key_data fits its slot");
_Static_assert(offsetof(key_schedule, ipad) == 1088, "ipad at 1088");
_Static_assert(offsetof(key_schedule, opad) == 1152, "opad at 1152");
_Static_assert(sizeof(key_schedule) == 1344, "schedule is 1344 bytes");
_Static_assert(sizeof(key_schedule) % TORII_IPSECMB_KEY_ALIGN == 0, "whole cache lines");

_Static_assert(sizeof(torii_ipsecmb_esp_job) == 64, "ESP job is one cache line");
_Static_assert(offsetof(torii_ipsecmb_esp_job, key) == 8, "ESP job key at 8");
_Static_assert(offsetof(torii_ipsecmb_esp_job, icv_offset) == 16, "ESP job icv_offset at 16");
_Static_assert(offsetof(torii_ipsecmb_esp_job, seq_high) == 20, "ESP job seq_high at 20");
_Static_assert(offsetof(torii_ipsecmb_esp_job, flags) == 24, "ESP job flags at 24");
_Static_assert(offsetof(torii_ipsecmb_esp_job, status) == 28, "ESP job status at 28");
_Static_assert(sizeof(torii_ipsecmb_ah_job) == 64, "AH job is one cache line");
_Static_assert(offsetof(torii_ipsecmb_ah_job, icv) == 16, "AH job icv at 16");
_Static_assert(offsetof(torii_ipsecmb_ah_job, length) == 24, "AH job length at 24");
_Static_assert(offsetof(torii_ipsecmb_ah_job, seq_high) == 28, "AH job seq_high at 28");
_Static_assert(offsetof(torii_ipsecmb_ah_job, flags) == 32, "AH job flags at 32");
_Static_assert(offsetof(torii_ipsecmb_ah_job, status) == 36, "AH job status at 36");

/* The schedule at address, when it is set up for a manager of arch; NULL otherwise. */
static inline key_schedule *usable_key(const uint64_t address, const int32_t arch)
{
    key_schedule *key = (key_schedule *)(uintptr_t)address;
    if (key == NULL || (address % TORII_IPSECMB_KEY_ALIGN) != 0 || key->magic != KEY_MAGIC ||
        key->arch != arch) {
        return NULL;
    }
    return key;
}

static inline int is_combined(const uint32_t cipher)
{
    return cipher >= TORII_IPSECMB_CIPHER_AES_GCM_128 && cipher <= TORII_IPSECMB_CIPHER_AES_GMAC_256;
}

static inline int is_cbc(const uint32_t cipher)
{
    return cipher == TORII_IPSECMB_CIPHER_AES_CBC_128 || cipher == TORII_IPSECMB_CIPHER_AES_CBC_256;
}

/* Big-endian fields, each read or written as one access: a field assembled from byte stores and
   then read whole (or the reverse) stalls store forwarding. */
static inline uint32_t load_be32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof(v));
    return __builtin_bswap32(v);
}

static inline void store_be32(uint8_t *p, const uint32_t v)
{
    const uint32_t be = __builtin_bswap32(v);
    memcpy(p, &be, sizeof(be));
}

static inline uint64_t load_be64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof(v));
    return __builtin_bswap64(v);
}

static inline void store_be64(uint8_t *p, const uint64_t v)
{
    const uint64_t be = __builtin_bswap64(v);
    memcpy(p, &be, sizeof(be));
}

/* 0 when equal; the time depends only on len. */
static inline int ct_differs(const uint8_t *a, const uint8_t *b, const size_t len)
{
    uint8_t difference = 0;
    for (size_t i = 0; i < len; i++) {
        difference |= (uint8_t)(a[i] ^ b[i]);
    }
    return difference != 0;
}

/* A status not known until ipsec-mb's job queue returns the job. */
#define STATUS_PENDING (-1)

/*
 * seal's explicit IV for the combined modes: the 64-bit sequence number (or, with
 * TORII_IPSECMB_JOB_IV_GIVEN, the IV already in the packet), which must exceed the last one
 * sealed with the key. Writes it into the packet, records it and returns it in *iv; returns a
 * status.
 */
static inline int32_t take_seal_iv(const torii_ipsecmb_esp_job *job, key_schedule *key, uint8_t *packet,
                                   uint64_t *iv)
{
    const int given = (job->flags & TORII_IPSECMB_JOB_IV_GIVEN) != 0;
    const uint64_t next = given ? load_be64(packet + ESP_HEADER_LEN)
                                : ((uint64_t)job->seq_high << 32) | load_be32(packet + 4);
    if (key->sealed_any && next <= key->last_iv) {
        return TORII_IPSECMB_STATUS_IV_REUSE;
    }
    key->sealed_any = 1;
    key->last_iv = next;
    if (!given) {
        store_be64(packet + ESP_HEADER_LEN, next);
    }
    *iv = next;
    return TORII_IPSECMB_STATUS_OK;
}

/*
 * The nonce and AAD are built in a register and written with one 16-byte store: ipsec-mb reads
 * them as 16-byte blocks, and a block assembled from narrower stores just before that read
 * stalls store forwarding (about 20 ns per packet in the lab's measurements).
 */
static inline void store16(uint8_t out[16], const uint64_t low, const uint64_t high)
{
    _mm_store_si128((__m128i *)(void *)out, _mm_set_epi64x((long long)high, (long long)low));
}

/* nonce = salt || IV (RFC 4106 section 4, RFC 7634 section 2), zero-padded to 16; iv as a number. */
static inline void build_nonce(const key_schedule *key, const uint64_t iv, uint8_t nonce[16])
{
    uint32_t salt;
    memcpy(&salt, key->salt, sizeof(salt));
    const uint64_t iv_bytes = __builtin_bswap64(iv); /* in memory order once stored little-endian */
    store16(nonce, salt | (iv_bytes << 32), iv_bytes >> 32);
}

/* AAD = SPI || seq low, or SPI || seq high || seq low with ESN, zero-padded to 16; returns 8 or 12. */
static inline uint64_t build_aad(const torii_ipsecmb_esp_job *job, const uint8_t *packet, uint8_t aad[16])
{
    uint32_t spi;
    uint32_t seq_low;
    memcpy(&spi, packet, sizeof(spi));
    memcpy(&seq_low, packet + 4, sizeof(seq_low));
    if (job->flags & TORII_IPSECMB_JOB_ESN) {
        const uint32_t seq_high = __builtin_bswap32(job->seq_high);
        store16(aad, spi | ((uint64_t)seq_high << 32), seq_low);
        return 12;
    }
    store16(aad, spi | ((uint64_t)seq_low << 32), 0);
    return 8;
}

/* What follows is shared between this library's files only: keep it out of its exported symbols. */
#pragma GCC visibility push(hidden)

/* Zeroes len bytes where the compiler cannot drop it as a dead store. */
void wipe(void *p, size_t len);

/*
 * With thousands of SAs each job of a burst has its own key schedule, out of cache. These load the
 * lines a GCM job reads (the header, the round keys, and the hash keys its length needs, which lie
 * where the manager's architecture puts them) ahead of the job, so that those misses overlap other
 * work. Past SHORT_JOB_BYTES a message multiplies by more than H^1..H^8. A prefetch never faults, so
 * a job not checked yet is harmless here.
 */
#define ROUND_KEYS_END ((uint32_t)(offsetof(key_schedule, cipher_keys) + ROUND_KEYS_LEN))
#define SHORT_JOB_BYTES (8 * AES_BLOCK)

static inline void prefetch_lines(const uint8_t *base, const uint32_t from, const uint32_t to)
{
    for (uint32_t offset = from & ~63u; offset < to; offset += 64) {
        __builtin_prefetch(base + offset, 0, 3);
    }
}

static inline void prefetch_gcm_key(const torii_ipsecmb_mgr *mgr, const torii_ipsecmb_esp_job *job)
{
    const uint8_t *key = (const uint8_t *)(uintptr_t)job->key;
    __builtin_prefetch(key, 1, 3);
    prefetch_lines(key, 64, ROUND_KEYS_END);
    if (job->icv_offset > SHORT_JOB_BYTES) {
        prefetch_lines(key, mgr->all_hkeys_from, mgr->all_hkeys_to);
    } else {
        prefetch_lines(key, mgr->short_hkeys_from, mgr->short_hkeys_to);
    }
}

/*
 * Per-call state of a batch that goes through ipsec-mb's job queue: what each queued job points
 * at must live until the queue returns it, which is at the latest when the batch drains it.
 */
typedef struct job_batch {
    uint8_t nonce[TORII_IPSECMB_MAX_BATCH][16] __attribute__((aligned(16)));
    uint8_t aad[TORII_IPSECMB_MAX_BATCH][16] __attribute__((aligned(16)));
    uint8_t tag[TORII_IPSECMB_MAX_BATCH][MAX_ICV_LEN];
    uint8_t saved[TORII_IPSECMB_MAX_BATCH][4];   /* ESN: the ICV bytes seq_high borrowed    */
    uint8_t done_ok[TORII_IPSECMB_MAX_BATCH];    /* the queue returned the job completed    */
    uint8_t step[TORII_IPSECMB_MAX_BATCH];       /* what the job still needs (esp_batch.c)  */
} job_batch;

/* Steps of job_batch.step. */
#define STEP_NONE        0
#define STEP_CHECK_TAG   1 /* open/verify: compare the computed tag once the job is back */
#define STEP_DECRYPT     2 /* open: CBC decryption queued after the ICV verified         */
#define STEP_SIGNED      3 /* seal/sign: done when the job is back                        */
#define STEP_ESN_LATER   4 /* AH with ESN: goes through the manager's scratch afterwards  */

/* The job queue (imb_jobs.c): a cleared job for a batch slot; submit; drain. */
IMB_JOB *next_job(IMB_MGR *imb, job_batch *batch, uint32_t slot);
void submit_job(IMB_MGR *imb);
void drain_jobs(IMB_MGR *imb);
/* Sets job's hash to the key's HMAC over [src, src + length), the truncated ICV to tag. */
void set_hmac(IMB_JOB *job, const key_schedule *key, uint64_t length, uint8_t *tag);
/* Queues an HMAC-only job (cipher NULL) over [data, data + length). */
void queue_hmac(IMB_MGR *imb, job_batch *batch, uint32_t slot, const key_schedule *key,
                const uint8_t *data, uint64_t length, uint8_t *tag);

/* ChaCha20-Poly1305 and the HMAC suites on the job queue (esp_jobs.c). */
void queue_chacha(IMB_MGR *imb, job_batch *batch, uint32_t slot, const torii_ipsecmb_esp_job *esp,
                  const key_schedule *key, uint64_t aad_length, IMB_CIPHER_DIRECTION direction, uint8_t *tag);
int32_t seal_chacha(IMB_MGR *imb, job_batch *batch, uint32_t slot, const torii_ipsecmb_esp_job *esp,
                    key_schedule *key);
void open_chacha(IMB_MGR *imb, job_batch *batch, uint32_t slot, const torii_ipsecmb_esp_job *esp,
                 const key_schedule *key);
void restore_chacha(IMB_MGR *imb, job_batch *batch, uint32_t slot, const torii_ipsecmb_esp_job *esp,
                    const key_schedule *key);
int32_t seal_hmac(IMB_MGR *imb, job_batch *batch, uint32_t slot, const torii_ipsecmb_esp_job *esp,
                  key_schedule *key);
void open_hmac(IMB_MGR *imb, job_batch *batch, uint32_t slot, const torii_ipsecmb_esp_job *esp,
               const key_schedule *key);
void return_borrowed_icv(job_batch *batch, uint32_t slot, const torii_ipsecmb_esp_job *esp);
void queue_cbc_decrypt(IMB_MGR *imb, job_batch *batch, uint32_t slot, const torii_ipsecmb_esp_job *esp,
                       const key_schedule *key);

/* AES-GCM and AES-GMAC through ipsec-mb's direct API (esp_gcm.c); return a status. */
int32_t seal_gcm(IMB_MGR *imb, const torii_ipsecmb_esp_job *job, key_schedule *key);
int32_t open_gcm(IMB_MGR *imb, const torii_ipsecmb_esp_job *job, const key_schedule *key);

#pragma GCC visibility pop

#endif /* TORII_IPSECMB_INTERNAL_H */
