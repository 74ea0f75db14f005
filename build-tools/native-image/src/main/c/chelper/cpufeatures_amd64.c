/*
 * CPU feature detection for images built for x86-64: the builder records the features it compiled for, and the image
 * checks at start that the machine has them. Bit positions are those of the CPUID instruction as the Intel and AMD
 * manuals define them; the struct layout comes from the builder (amd64cpufeatures.h is generated from svm.jar).
 */
#include <cpuid.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svm_cinterface.h"

#define BIT(value, n) (((value) >> (n)) & 1u)

typedef struct {
    unsigned int eax, ebx, ecx, edx;
} cpuid_regs;

static cpuid_regs leaf(unsigned int level, unsigned int subleaf) {
    cpuid_regs r = {0, 0, 0, 0};
    __cpuid_count(level, subleaf, r.eax, r.ebx, r.ecx, r.edx);
    return r;
}

/* XCR0: which register states the operating system saves on context switch. */
static uint64_t xcr0(void) {
    uint32_t eax, edx;
    __asm__ __volatile__("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t) edx << 32) | eax;
}

void determineCPUFeatures(CPUFeatures *f) {
    memset(f, 0, sizeof(*f));
    unsigned int max_level = __get_cpuid_max(0, NULL);
    unsigned int max_ext = __get_cpuid_max(0x80000000u, NULL);
    cpuid_regs vendor = leaf(0, 0);
    int intel = vendor.ebx == 0x756e6547u; /* "Genu" */
    int amd = vendor.ebx == 0x68747541u || vendor.ebx == 0x6f677948u; /* "Auth", "Hygo" */

    cpuid_regs l1 = max_level >= 1 ? leaf(1, 0) : (cpuid_regs) {0, 0, 0, 0};
    cpuid_regs l7 = max_level >= 7 ? leaf(7, 0) : (cpuid_regs) {0, 0, 0, 0};
    cpuid_regs l7s1 = max_level >= 7 && l7.eax >= 1 ? leaf(7, 1) : (cpuid_regs) {0, 0, 0, 0};
    cpuid_regs e1 = max_ext >= 0x80000001u ? leaf(0x80000001u, 0) : (cpuid_regs) {0, 0, 0, 0};
    cpuid_regs e7 = max_ext >= 0x80000007u ? leaf(0x80000007u, 0) : (cpuid_regs) {0, 0, 0, 0};

    int osxsave = BIT(l1.ecx, 27);
    uint64_t xsave = osxsave ? xcr0() : 0;
    int os_avx = osxsave && (xsave & 0x6) == 0x6;          /* SSE and YMM state */
    int os_avx512 = os_avx && (xsave & 0xe0) == 0xe0;      /* opmask, ZMM_Hi256, Hi16_ZMM state */
    int os_apx = os_avx && BIT(xsave, 19);                 /* extended general-purpose registers */

    f->fTSC = BIT(l1.edx, 4);
    f->fCX8 = BIT(l1.edx, 8);
    f->fCMOV = BIT(l1.edx, 15);
    f->fFLUSH = BIT(l1.edx, 19);
    f->fMMX = BIT(l1.edx, 23) || (amd && BIT(e1.edx, 23));
    f->fFXSR = BIT(l1.edx, 24) || (amd && BIT(e1.edx, 24));
    f->fSSE = BIT(l1.edx, 25);
    f->fSSE2 = BIT(l1.edx, 26);
    f->fSSE3 = BIT(l1.ecx, 0);
    f->fCLMUL = BIT(l1.ecx, 1);
    f->fSSSE3 = BIT(l1.ecx, 9);
    f->fSSE4_1 = BIT(l1.ecx, 19);
    f->fSSE4_2 = BIT(l1.ecx, 20);
    f->fPOPCNT = BIT(l1.ecx, 23);
    f->fAES = BIT(l1.ecx, 25);
    f->fHV = BIT(l1.ecx, 31);

    if (max_level >= 0xb) {
        cpuid_regs smt = leaf(0xb, 0); /* level 0: threads per core */
        f->fHT = (smt.ebx & 0xffff) > 1;
    } else {
        f->fHT = BIT(l1.edx, 28) && ((l1.ebx >> 16) & 0xff) > 1;
    }

    f->fLZCNT = BIT(e1.ecx, 5);
    f->fSSE4A = amd && BIT(e1.ecx, 6);
    f->fAMD_3DNOW_PREFETCH = BIT(e1.ecx, 8) || BIT(e1.edx, 31);
    f->fRDTSCP = BIT(e1.edx, 27);
    f->fTSCINV_BIT = BIT(e7.edx, 8);
    f->fTSCINV = f->fTSCINV_BIT && (amd || intel);

    f->fBMI1 = BIT(l7.ebx, 3);
    f->fBMI2 = BIT(l7.ebx, 8);
    f->fERMS = BIT(l7.ebx, 9);
    f->fRTM = BIT(l7.ebx, 11);
    f->fADX = BIT(l7.ebx, 19);
    f->fFLUSHOPT = BIT(l7.ebx, 23);
    f->fCLWB = BIT(l7.ebx, 24);
    f->fSHA = BIT(l7.ebx, 29);
    f->fPKU = BIT(l7.ecx, 3);
    f->fOSPKE = BIT(l7.ecx, 4);
    f->fCET_SS = BIT(l7.ecx, 7);
    f->fRDPID = BIT(l7.ecx, 22);
    f->fFSRM = BIT(l7.edx, 4);
    f->fSERIALIZE = BIT(l7.edx, 14);
    f->fCET_IBT = BIT(l7.edx, 20);

    if (os_avx && BIT(l1.ecx, 28)) {
        f->fAVX = 1;
        f->fVZEROUPPER = 1;
        f->fF16C = BIT(l1.ecx, 29);
        f->fFMA = BIT(l1.ecx, 12);
        f->fAVX2 = BIT(l7.ebx, 5);
        f->fGFNI = BIT(l7.ecx, 8);
        f->fAVX_IFMA = BIT(l7s1.eax, 23);
        f->fSHA512 = BIT(l7s1.eax, 0);
        if (os_avx512 && BIT(l7.ebx, 16)) {
            f->fAVX512F = 1;
            f->fAVX512DQ = BIT(l7.ebx, 17);
            f->fAVX512_IFMA = BIT(l7.ebx, 21);
            f->fAVX512PF = BIT(l7.ebx, 26);
            f->fAVX512ER = BIT(l7.ebx, 27);
            f->fAVX512CD = BIT(l7.ebx, 28);
            f->fAVX512BW = BIT(l7.ebx, 30);
            f->fAVX512VL = BIT(l7.ebx, 31);
            f->fAVX512_VBMI = BIT(l7.ecx, 1);
            f->fAVX512_VBMI2 = BIT(l7.ecx, 6);
            f->fAVX512_VAES = BIT(l7.ecx, 9);
            f->fAVX512_VPCLMULQDQ = BIT(l7.ecx, 10);
            f->fAVX512_VNNI = BIT(l7.ecx, 11);
            f->fAVX512_BITALG = BIT(l7.ecx, 12);
            f->fAVX512_VPOPCNTDQ = BIT(l7.ecx, 14);
            f->fAVX512_FP16 = BIT(l7.edx, 23);
        }
        if (os_avx512 && BIT(l7s1.edx, 19) && max_level >= 0x24) {
            unsigned int avx10_version = leaf(0x24, 0).ebx & 0xff;
            f->fAVX10_1 = avx10_version >= 1;
            f->fAVX10_2 = avx10_version >= 2;
        }
    }
    f->fAPX_F = os_apx && BIT(l7s1.edx, 21);
}

/*
 * The builder stores the features it requires as the bitwise negation of a CPUFeatures struct (required features are
 * 0xfe, everything else 0xff), padded to whole 64-bit words. The machine qualifies when, word by word, its features
 * OR the mask is all ones.
 */
int checkCPUFeatures(char *buildtime_mask) {
    enum { WORDS = (sizeof(CPUFeatures) + 7) / 8 };
    uint64_t host[WORDS];
    uint64_t mask[WORDS];
    memset(host, 0, sizeof(host));
    determineCPUFeatures((CPUFeatures *) host);
    memcpy(mask, buildtime_mask, sizeof(mask));
    for (int i = 0; i < WORDS; i++) {
        if ((host[i] | mask[i]) != ~(uint64_t) 0) {
            return -1;
        }
    }
    return 0;
}

int checkCPUFeaturesOrExit(char *buildtime_mask, char *error_message) {
    int result = checkCPUFeatures(buildtime_mask);
    if (result != 0) {
        fputs(error_message, stderr);
        fputc('\n', stderr);
        exit(1);
    }
    return result;
}
