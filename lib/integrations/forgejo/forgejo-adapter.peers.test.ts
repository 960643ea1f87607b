import { peerForgejo } from "@/tests/peers";
import { describeForgejoAdapterContract } from "@/tests/contracts/forgejo-contract-target";

// The same ForgejoPort contract the sandbox adapter passes, against a real Gitea on loopback.
describeForgejoAdapterContract(peerForgejo());
