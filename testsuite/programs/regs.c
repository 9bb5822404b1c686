/* regs.c - loads known values into SSE registers (and an AVX register
   when the CPU has AVX), then calls regs_marker() where the test reads
   them back.  Nothing between the loads and the call touches them.  */
#include <stdint.h>

int have_avx;

static const uint32_t xmm1_words[4] = { 0x11111111, 0x22222222, 0x33333333,
					0x44444444 };
static const double xmm3_doubles[2] = { 1.5, -2.25 };
static const uint32_t ymm2_words[8] = { 0x10000001, 0x20000002, 0x30000003,
					0x40000004, 0x50000005, 0x60000006,
					0x70000007, 0x08000080 };

void __attribute__((noinline)) regs_marker(void)
{
	__asm__ volatile("" ::: "memory");
}

int main(void)
{
	__builtin_cpu_init();
	have_avx = __builtin_cpu_supports("avx");
	if (have_avx)
		__asm__ volatile("vmovdqu %0, %%ymm2" ::"m"(ymm2_words)
				 : "xmm2");
	__asm__ volatile("movdqu %0, %%xmm1\n\t"
			 "movupd %1, %%xmm3" ::"m"(xmm1_words),
			 "m"(xmm3_doubles)
			 : "xmm1", "xmm3");
	regs_marker();
	return 0;
}
