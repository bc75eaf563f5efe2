using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data;

/// <summary>
/// The canonical downloads. Sizes and SHA-256 values are the published ones (cross-checked across several
/// independent projects; the Fashion-MNIST ones also match Zalando's published MD5s and sizes). Note Debian's
/// <c>dataset-fashion-mnist</c> re-gzips the files, so its copies have the same contents but other hashes.
/// </summary>
internal static class OfficialDatasets
{
    public static IEnumerable<DatasetCatalogEntry> All =>
    [
        new(Dataset.Mnist,
        [
            new("train-images-idx3-ubyte.gz", 9912422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new("train-labels-idx1-ubyte.gz", 28881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new("t10k-images-idx3-ubyte.gz", 1648877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new("t10k-labels-idx1-ubyte.gz", 4542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
        ],
        [
            new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            new("https://yann.lecun.com/exdb/mnist/"),
            new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
        ]),
        new(Dataset.FashionMnist,
        [
            new("train-images-idx3-ubyte.gz", 26421880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            new("train-labels-idx1-ubyte.gz", 29515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            new("t10k-images-idx3-ubyte.gz", 4422102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            new("t10k-labels-idx1-ubyte.gz", 5148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
        ],
        [
            // Zalando's S3 website endpoint serves plain HTTP only; the SHA-256 check is what makes it safe.
            new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            new("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"),
        ]),
        new(Dataset.Cifar10,
        [
            new("cifar-10-binary.tar.gz", 170052171, "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd"),
        ],
        [
            new("https://www.cs.toronto.edu/~kriz/"),
        ]),
    ];
}
