// ir/PointerMap.h — a flat hash map from object addresses (a node, a graph) to a small value,
// for the per-program tables of the readers, the rewrite and the writers: one allocation for
// the whole table instead of one per entry (std::unordered_map), open addressing with linear
// probing, deletion by backward shift (no tombstones). Keys are compared, never dereferenced
// nor ordered, so nothing that iterates it may depend on its order: it offers no iteration.
//
//   ir::PointerMap<std::size_t> at(nodes.size());
//   at.insert(n, 3);                     // false if n was there (its value unchanged)
//   if (const std::size_t* i = at.find(n)) ...;
//   at.erase(n);
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace symrange::ir {

template <class V>
class PointerMap {
 public:
  /// Room for `expected` entries before the first growth.
  explicit PointerMap(std::size_t expected = 0) { rehash(capacityFor(expected)); }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }

  /// The value of `key`, or nullptr.
  [[nodiscard]] V* find(const void* key) {
    if (key == nullptr) return nullptr;
    for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == nullptr) return nullptr;
    }
  }
  [[nodiscard]] const V* find(const void* key) const { return const_cast<PointerMap*>(this)->find(key); }
  [[nodiscard]] bool contains(const void* key) const { return find(key) != nullptr; }

  /// Adds `key` (not null) -> `value` unless `key` is there; returns whether it was added.
  bool insert(const void* key, V value) { return tryEmplace(key, std::move(value)).second; }
  /// The value of `key`, added as `value` if missing; second: whether it was added.
  std::pair<V*, bool> tryEmplace(const void* key, V value) {
    if ((size_ + 1) * 4 > keys_.size() * 3) rehash(keys_.size() * 2);
    std::size_t i = slot(key);
    for (; keys_[i] != nullptr; i = (i + 1) & mask_)
      if (keys_[i] == key) return {&values_[i], false};
    keys_[i] = key;
    values_[i] = std::move(value);
    ++size_;
    return {&values_[i], true};
  }
  /// Sets the value of `key` (added if missing).
  void set(const void* key, V value) {
    auto [v, added] = tryEmplace(key, value);
    if (!added) *v = std::move(value);
  }

  /// Removes `key`; returns whether it was there.
  bool erase(const void* key) {
    if (key == nullptr) return false;
    std::size_t i = slot(key);
    for (; keys_[i] != key; i = (i + 1) & mask_)
      if (keys_[i] == nullptr) return false;
    // backward shift: move up every later entry of the run that may sit in the hole
    for (std::size_t j = (i + 1) & mask_; keys_[j] != nullptr; j = (j + 1) & mask_) {
      const std::size_t home = slot(keys_[j]);
      // keys_[j] may move to i when its home is not cyclically within (i, j]
      const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (stays) continue;
      keys_[i] = keys_[j];
      values_[i] = std::move(values_[j]);
      i = j;
    }
    keys_[i] = nullptr;
    values_[i] = V{};
    --size_;
    return true;
  }

 private:
  static std::size_t capacityFor(std::size_t n) {
    std::size_t c = 16;
    while (c * 3 < n * 4 + 4) c *= 2;
    return c;
  }
  [[nodiscard]] std::size_t slot(const void* key) const {
    auto h = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(key));
    h ^= h >> 29;
    h *= 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(h >> 32) & mask_;
  }
  void rehash(std::size_t capacity) {
    std::vector<const void*> keys(capacity, nullptr);
    std::vector<V> values(capacity);
    keys.swap(keys_);
    values.swap(values_);
    mask_ = capacity - 1;
    size_ = 0;
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != nullptr) (void)tryEmplace(keys[i], std::move(values[i]));
  }

  std::vector<const void*> keys_;
  std::vector<V> values_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

/// A set of addresses (PointerMap without values).
class PointerSet {
 public:
  explicit PointerSet(std::size_t expected = 0) : map_(expected) {}
  [[nodiscard]] bool contains(const void* key) const { return map_.contains(key); }
  bool insert(const void* key) { return map_.insert(key, 1); }
  bool erase(const void* key) { return map_.erase(key); }
  [[nodiscard]] std::size_t size() const { return map_.size(); }
  [[nodiscard]] bool empty() const { return map_.empty(); }

 private:
  PointerMap<unsigned char> map_;
};

}  // namespace symrange::ir
