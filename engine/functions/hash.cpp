// hash(s[, algorithm]): the digest of the UTF-8 text as lowercase hex. The algorithm is "md5"
// (the default), "sha1" or "sha2_256", in any letter case; "sha_256" and "sha256", which Sumo's
// examples also use, mean SHA-256. A null value gives null.
// NOTE: Sumo also offers "murmur3_128", which OpenSSL lacks; sumoql rejects it at plan time.
//
// The digests come from OpenSSL's EVP interface, a maintained and tested implementation, so no
// digest is written here by hand.

#include "engine/functions/row_executor.hpp"
#include "engine/types/ascii.hpp"

#include <openssl/evp.h>

#include <fmt/format.h>

#include <array>

namespace sumoql {

namespace {

//! Returns the OpenSSL digest for a Sumo algorithm name, or nullptr when there is none.
const EVP_MD *FindDigest(std::string_view name) {
	std::string folded = FoldCase(name);
	if (folded == "md5") {
		return EVP_md5();
	}
	if (folded == "sha1") {
		return EVP_sha1();
	}
	if (folded == "sha2_256" || folded == "sha_256" || folded == "sha256" || folded == "sha2") {
		return EVP_sha256();
	}
	return nullptr;
}

void Hash(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count, Vector &result,
          FunctionContext &context) {
	static constexpr char kHexDigits[] = "0123456789abcdef";
	std::array<unsigned char, EVP_MAX_MD_SIZE> digest;
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		const EVP_MD *algorithm =
		    arguments.size() > 1 ? FindDigest(ValueAsText(*arguments[1], row, context.chunk)) : EVP_md5();
		if (!algorithm) {
			context.stats.invalid_arguments++;
			return false;
		}

		std::string_view text = ValueAsText(*arguments[0], row, context.chunk);
		unsigned int size = 0;
		if (EVP_Digest(text.data(), text.size(), digest.data(), &size, algorithm, nullptr) != 1) {
			context.stats.invalid_arguments++;
			return false;
		}

		char *hex = context.chunk.heap.Allocate(size * 2);
		for (unsigned int i = 0; i < size; i++) {
			hex[2 * i] = kHexDigits[digest[i] >> 4];
			hex[2 * i + 1] = kHexDigits[digest[i] & 0xF];
		}
		result.strings()[row] = std::string_view(hex, size * 2);
		return true;
	});
}

std::unique_ptr<FunctionData> BindHash(const FunctionBindInput &input) {
	if (input.constants.size() > 1 && input.constants[1] && !FindDigest(*input.constants[1])) {
		throw FunctionBindError(1, fmt::format("unknown hash algorithm '{}'", *input.constants[1]),
		                        "use md5, sha1 or sha2_256; sumoql does not run murmur3_128");
	}
	return nullptr;
}

constexpr std::array kFunctions = {
    ScalarFunction {"hash", 1, 2, Hash, BindHash},
};

} // namespace

std::span<const ScalarFunction> HashFunctions() {
	return kFunctions;
}

} // namespace sumoql
