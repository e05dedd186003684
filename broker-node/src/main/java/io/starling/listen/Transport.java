package io.starling.listen;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** Native epoll on Linux, NIO elsewhere: the event loops every listener of the node shares. */
final class Transport {

    private final boolean epoll = Epoll.isAvailable();
    final EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, ioHandler());
    /** One event loop per core (Netty's default is two): see the dispatcher note in BrokerNode. */
    final EventLoopGroup workers =
            new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), ioHandler());

    private IoHandlerFactory ioHandler() {
        return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }

    void shutdown() {
        acceptors.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
